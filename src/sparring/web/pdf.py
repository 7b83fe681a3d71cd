"""The scorecard as a PDF, drawn with ReportLab (its own fonts and charts: nothing to install)."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from fastapi.responses import Response
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from sparring.storage.models import utc
from sparring.storage.service import Stored
from sparring.web.views import label, labels, package, status_words, trust_series

_FONT = "Vera"
_BOLD = "VeraBd"
_registered = False
_COLOURS = [colors.HexColor("#2563eb"), colors.HexColor("#db2777"), colors.HexColor("#059669")]


def _fonts() -> None:
    # ReportLab ships Bitstream Vera, which covers far more of learners' text than Helvetica.
    global _registered
    if not _registered:
        pdfmetrics.registerFont(TTFont(_FONT, "Vera.ttf"))
        pdfmetrics.registerFont(TTFont(_BOLD, "VeraBd.ttf"))
        _registered = True


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName=_FONT, fontSize=9, leading=12)
    return {
        "title": ParagraphStyle("title", parent=base["Title"], fontName=_BOLD, fontSize=18),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName=_BOLD, fontSize=12),
        "body": body,
        "quote": ParagraphStyle("quote", parent=body, fontName=_FONT, textColor=colors.grey),
    }


def _trust_chart(series: dict[str, Any]) -> Drawing:
    drawing = Drawing(170 * mm, 55 * mm)
    chart = HorizontalLineChart()
    chart.x, chart.y = round(12 * mm), round(8 * mm)
    chart.width, chart.height = round(150 * mm), round(42 * mm)
    chart.data = [[v if v is not None else 0 for v in d["data"]] for d in series["datasets"]]
    chart.categoryAxis.categoryNames = series["labels"]
    chart.categoryAxis.labels.fontName = _FONT
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 1, 0.25
    chart.valueAxis.labels.fontName = _FONT
    for index in range(len(chart.data)):
        chart.lines[index].strokeColor = _COLOURS[index % len(_COLOURS)]
        chart.lines[index].strokeWidth = 1.5
    drawing.add(chart)
    for index, dataset in enumerate(series["datasets"]):
        drawing.add(
            String(
                14 * mm + index * 55 * mm,
                52 * mm,
                dataset["label"],
                fontName=_FONT,
                fontSize=8,
                fillColor=_COLOURS[index % len(_COLOURS)],
            )
        )
    return drawing


def scorecard_pdf(stored: Stored) -> bytes:
    """Render a session's scorecard, outcome and trust chart as a PDF."""
    _fonts()
    styles = _styles()
    result = stored.result()
    names = labels(result["rubric_version"])
    scenario, outcome = stored.scenario, result["outcome"]
    story: list[Any] = [
        Paragraph(escape(f"Scorecard: {scenario.title}"), styles["title"]),
        Paragraph(
            escape(
                f"{stored.learner} · {utc(stored.record.created_at):%d %B %Y} · "
                f"{result['difficulty']} · rubric {result['rubric_version']}"
            ),
            styles["body"],
        ),
        Spacer(1, 4 * mm),
    ]
    for name, dimension in result["scorecard"]["dimensions"].items():
        story.append(
            Paragraph(
                escape(
                    f"{label(names, name, 'dimension')}: "
                    f"{dimension['score']}/100 ({dimension['level']})"
                ),
                styles["h2"],
            )
        )
    rows: list[list[Any]] = [["Indicator", "Score", "Evidence and advice"]]
    for name, indicator in result["scorecard"]["indicators"].items():
        cell = [
            Paragraph(escape(f"Turn {e['turn']}: “{e['quote']}”"), styles["quote"])
            for e in indicator["evidence"]
        ]
        cell.append(Paragraph(escape(indicator["advice"]), styles["body"]))
        rows.append(
            [Paragraph(escape(label(names, name)), styles["body"]), indicator["score"], cell]
        )
    table = Table(rows, colWidths=[38 * mm, 16 * mm, 116 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), _BOLD),
                ("FONTNAME", (1, 1), (1, -1), _FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f1f5f9")),
            ]
        )
    )
    story += [Spacer(1, 3 * mm), table, Spacer(1, 4 * mm)]
    story.append(Paragraph("Outcome", styles["h2"]))
    debrief = result["debrief"]
    lines = [f"{status_words(outcome['status'])}."]
    if outcome["package"]:
        lines.append(f"Terms: {package(scenario, outcome['package'])}.")
        lines.append(
            f"Joint value {debrief['joint_value']} of a possible {debrief['best_joint_value']}."
        )
    lines.append(
        f"Best joint package ({debrief['best_joint_value']}): "
        f"{package(scenario, debrief['best_joint_package'])}."
    )
    lines.append(f"Possible agreements: {debrief['zopa_size']} of {debrief['packages']} packages.")
    story += [Paragraph(escape(line), styles["body"]) for line in lines]
    story += [Spacer(1, 4 * mm), Paragraph("Trust over the turns", styles["h2"])]
    story.append(_trust_chart(trust_series(stored, result)))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=f"Sparring scorecard {stored.record.id}", author="Sparring"
    )
    document.build(story)
    return buffer.getvalue()


def pdf_response(stored: Stored) -> Response:
    """The scorecard PDF as a download."""
    return Response(
        scorecard_pdf(stored),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="scorecard-{stored.record.id}.pdf"'},
    )
