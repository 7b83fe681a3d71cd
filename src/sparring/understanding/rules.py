"""A rule-based reader of learner acts: readable patterns, one sentence at a time."""

from __future__ import annotations

import re

from sparring.understanding.text import normalize, sentences


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


NEGATION = re.compile(
    r"\b(?:not|never|no need to|don't|do not|won't|will not|wouldn't|would not|"
    r"rather not|avoid|without|instead of|no intention of|no plan to|nobody wants to|"
    r"last thing i want|don't want to|didn't)\b[\w\s']{0,20}$"
)
QUESTION_START = re.compile(
    r"^(?:so,? |and |but |ok,? |okay,? |also,? |then,? |well,? |out of curiosity,? )?"
    r"(?:what|what's|whats|how|how's|who|who's|whom|when|where|which|why|is|are|do|does|did|"
    r"can|could|would|will|should|have|has|any|anything)\b"
)
REQUEST = _any(
    r"\b(?:can|could|would|will)\s+(?:you|we|i)\s+(?:please\s+)?(?:give|lend|loan|spare|free up|"
    r"find|provide|assign|allocate|commit|let me have|get me|move|put|do|release|start|offer|"
    r"swing|share|borrow|have|agree|accept|make|phase|defer|go)\b",
    r"\bhow about\b",
    r"\bwhat about\b(?!\s+(?:you|your|the team|on your))",
    r"\bwhat if\b",
    r"\bwould you (?:be )?(?:willing|open|able) to\b",
    r"\bare you (?:willing|open|able) to\b",
    r"\bany chance\b",
    r"\bis there any way\b",
)
RHETORICAL = _any(
    r"\bwhy (?:can't|won't|wouldn't|don't|couldn't|are you|is it so)\b",
    r"\bdon't you (?:care|see|understand|get|think you)\b",
    r"\bisn't (?:it|that) obvious\b",
    r"\bhow hard can\b",
    r"\bwhat's the big deal\b",
    r"\bare you (?:serious|kidding|joking)\b",
    r"\bwho (?:do you think|cares)\b",
    r"\bhow is (?:that|this) my problem\b",
    r"\bwhat do you expect\b",
    r"\bdo you (?:even|really) (?:care|understand|want)\b",
    r"\bseriously\?",
    r"\bcan't you just\b",
)
INQUIRY = _any(
    r"\b(?:you|your|you're|you've|yours|on your (?:side|end|plate)|for you|your team|your people)\b",
    r"\b(?:the team|the migration|engineering|the roadmap|the backlog|priorities|constraints|"
    r"stakeholders|commitments|success|metrics|workload|on call|morale|budget|headcount|"
    r"the cfo|going on|planned|what else|anything else|what would|what could|who else)\b",
)
INQUIRY_STATEMENT = _any(
    r"\bhelp me understand\b",
    r"\btell me (?:more )?about\b",
    r"\b(?:i'm|i am) curious\b",
    r"\bwalk me through\b",
    r"\bi(?:'d| would) (?:like|love) to (?:understand|hear|know|learn)\b",
    r"\bi want to understand\b",
    r"\bi wonder(?:ed)? (?:what|how|whether|if|who)\b",
    r"\bcan you (?:tell|walk|help) me\b",
    r"\bwhat's on your plate\b",
)
NEED = _any(
    r"(?<!if )\b(?:we|i) (?:really )?(?:need|have|must|'ve got|got|gotta) to\b",
    r"\b(?:we|i) (?:need|must)\b",
    r"\b(?:i|we)(?:'ve| have)? (?:committed|promised)\b",
    r"\b(?:our|my) (?:goal|commitment|deadline|target|priority|objective|okr|aim)\b",
    r"\bthe goal is\b",
    r"\b(?:we're|we are|i'm|i am) on the hook\b",
    r"\b(?:i'm|i am|we're|we are) (?:accountable|measured|aiming|trying|targeting)\b",
    r"\bwhat matters (?:to me|for us|most to me)\b",
    r"\bsuccess for (?:me|us)\b",
    r"\bit's critical that\b",
    r"\b(?:we|i) (?:want|hope|plan|intend) to (?:ship|launch|hit|deliver|land|get)\b",
    r"\b(?:has|have) to (?:ship|launch|land|be live|be out)\b",
    r"\bneeds? to (?:ship|launch|land|go live|be live)\b",
    r"\bi can't (?:ship|deliver|launch|hit)\b",
    r"\bwe need (?:some )?help\b",
    r"\bmy (?:ceo|boss) expects\b",
)
ACKNOWLEDGE = _any(
    r"\bi (?:know|understand|realize|realise|recognize|recognise|get|see|hear|"
    r"imagine|can see|can imagine|can tell)\b[^.?!]{0,60}\b(?:you|your|stretched|capacity|"
    r"a lot|hard|tough|difficult|cost|burden|ask|plate|pressure|busy|strain|load|heavy|"
    r"stretch|sacrifice|painful|rough)\b",
    r"\bi (?:really )?appreciate\b[^.?!]{0,60}\b(?:stretched|capacity|a lot|hard|tough|"
    r"difficult|cost|burden|ask|plate|pressure|busy|strain|load|heavy|stretch|sacrifice)\b",
    r"\b(?:i'm|i am) asking (?:you|your team) to\b",
    r"\basking (?:a lot|you to stretch|your team to)\b",
    r"\b(?:big|huge|real|hard|serious|not a small|heavy) ask\b",
    r"\b(?:it's|this is|that's) a lot to ask\b",
    r"\bthis (?:isn't|is not) easy\b",
    r"\b(?:real |actual )?cost (?:to|for) (?:you|your)\b",
    r"\bcosts? you\b",
    r"\btough spot\b",
    r"\bboth (?:of )?our teams\b",
    r"\bwe're both (?:stretched|under|at|in)\b",
    r"\bi hear you\b",
    r"\bthat (?:sounds|must be|is) (?:hard|tough|rough|brutal|difficult|painful|stressful|"
    r"exhausting|a lot)\b",
    r"\bsorry to hear\b",
    r"\bi don't want to (?:burn|hurt|overload|break|pile)\b",
    r"\bat (?:your|the) expense of your\b",
    r"\bfair (?:point|concern)\b",
    r"\byou(?:'re| are) (?:right|stretched|at capacity|under)\b",
    r"\bthat's (?:a )?(?:legitimate|fair|real|valid)\b",
    r"\byour (?:concern|worry|constraint)s? (?:is|are) (?:real|valid|legitimate|fair)\b",
)
REFLECT = _any(
    r"^(?:so|ok so|okay so|right,? so|got it,? so)\b,?(?!\s*(?:i|i'm|i'll|we|we're|we'll|my|our|"
    r"let's|let us|can|could|would|how about|what about)\b)[^?]*$",
    r"\b(?:it )?sounds like (?:you|your|the|there)\b",
    r"\bwhat i(?:'m| am) hearing\b",
    r"\bif i (?:understand|heard|got) (?:you|that|this|it)\b",
    r"\byou(?:'re| are) saying\b",
    r"\byou (?:said|mentioned|told me)\b",
    r"\blet me (?:make sure|check|play (?:it|that) back|see if i)\b",
    r"\bto make sure i (?:understand|got)\b",
    r"\bin other words\b",
    r"\bif i'm hearing you\b",
    r"\bso for you\b",
    r"\bso what matters (?:to you|for you)\b",
    r"\bi hear that (?:you|your|the)\b",
)
OWN_POSITION = re.compile(r"^(?:so,? )?(?:i|we|my|our)\b")
ACCEPT = _any(
    r"^(?:deal|done|agreed|perfect|great|yes|yep|ok|okay|sure)\b[.! ,]*(?:deal|let's|that|it|"
    r"works|i'll|we|$)",
    r"\b(?:that|this|it|which|option \w+|the \w+ (?:one|option)) (?:works|would work)\b",
    r"\bworks for (?:me|us)\b",
    r"\b(?:i|we) (?:accept|agree to|agree with (?:that|your|the)|can (?:live|work) with)\b",
    r"\blet's (?:do it|do that|go with|lock|shake|take)\b",
    r"\b(?:you've got|we have|it's) a deal\b",
    r"\bi'll take (?:it|that|option|the)\b(?! (?:to|up with|over|higher))",
    r"\b(?:happy|fine|good) with (?:that|this|your|option|the)\b",
    r"\bsounds good\b(?! but)",
    r"\bthat's fine\b",
    r"\bi'm in\b",
    r"\bi can (?:accept|do) that\b",
)
ACCEPT_NOT = _any(
    r"\b(?:keep|continue) (?:talking|discussing)\b",
    r"\bin principle\b",
    r"\blet's (?:figure|discuss|explore|talk|think|see)\b",
    r"\bsounds good,? (?:but|let's talk|tell me)\b",
)
REJECT = _any(
    r"\b(?:that|this|it)(?:'s| is)? (?:doesn't|does not|won't|will not|wouldn't|isn't going to) "
    r"(?:work|fly|cut it|get (?:me|us) there|do it)\b",
    r"\bdoesn't work for (?:me|us)\b",
    r"\b(?:can't|cannot) (?:accept|agree to|do that|take that|work with that|live with)\b",
    r"\bnot (?:enough|acceptable|workable|viable|going to work|a deal)\b",
    r"\bunacceptable\b",
    r"\bno deal\b",
    r"\bi(?:'ll| will) pass\b",
    r"\btoo (?:little|few|short|small|late)\b",
    r"\b(?:i|we) (?:have to|must|need to) (?:decline|say no|pass)\b",
    r"\bnon[- ]?starter\b",
    r"\bfalls short\b",
    r"\b(?:i|we) can't ship (?:with|on) that\b",
    r"^(?:no|nope|nah)\b[.!,]",
    r"\bthat's not (?:enough|workable|viable|something i can)\b",
    r"\bi (?:don't|do not) (?:accept|agree)\b",
)
_ABOVE = (
    r"(?:the ceo|ceo|your boss|your manager|leadership|the leadership team|the exec team|"
    r"the execs?|execs|the board|higher up|up the chain|your vp|my boss|the president|"
    r"the founders?|the (?:cfo|coo|cto|cro|cmo|chro|cpo|svp|evp|gm))"
)
_THREAT = (
    r"(?:i'll|i will|i'm going to|i am going to|i'd have to|i have to|i'll have to|i need to|"
    r"i may|i might|i could|i can|i'll just|or i|otherwise i|then i|i'm taking|i'm going)"
)
ESCALATE = _any(
    rf"\b{_THREAT}\s+(?:have to\s+|just\s+)?(?:go|take|bring|raise|kick|push|send|flag|"
    rf"elevate|escalate|tell|talk to|loop in|involve|get|call|email)\b[^.?!]{{0,30}}?"
    rf"\b(?:to |with |in )?{_ABOVE}\b",
    r"\bover your head\b",
    r"\bgo(?:ing)? around you\b",
    rf"\b{_THREAT}\s+(?:have to\s+|just\s+)?escalat(?:e|ing)\b",
    r"\bescalat(?:e|ing) (?:this|it|that|the matter|the issue|above|over)\b",
    r"\blet the (?:ceo|cfo|coo|cto|cro|exec|execs|board|boss|leadership) "
    r"(?:decide|sort|settle|weigh|handle|make the call)\b",
    r"\bthe ceo will (?:hear|know|decide)\b",
    rf"\b{_ABOVE} (?:will|is going to) hear about (?:this|it)\b",
)
JOINT = re.compile(r"\b(?:together|jointly|joint|both of us|we both|with you|co[- ]?sign)\b")
PRESSURE = _any(
    r"\bnon[- ]?negotiable\b",
    r"\bnot negotiable\b",
    r"\btake it or leave it\b",
    r"\bfinal offer\b",
    r"\bi (?:just )?need you to (?:say yes|agree|commit|make it happen|find|give|do)\b",
    r"\bjust say yes\b",
    r"\bneed an answer (?:now|today|right now|by)\b",
    r"\bno excuses\b",
    r"\b(?:that's|it's|this is) not my problem\b",
    r"\bi don't care\b",
    r"\bbottom line\b",
    r"\bend of (?:story|discussion)\b",
    r"\byou (?:have|need) to (?:just )?(?:give|find|make|do|say|deliver|accept)\b",
    r"\byou must\b",
    r"\bi insist\b",
    r"\bwhether you like it or not\b",
    r"\b(?:every ?one|every team|everybody) is (?:busy|stretched|at capacity)\b",
    r"\bstop making excuses\b",
    r"\b(?:that's|this is) not good enough\b",
    r"\bthis isn't a request\b",
    r"\bi'm not asking\b",
    r"\bfigure it out\b",
    r"\bmake it happen\b",
    r"\bcome on\b",
    r"\bwe don't have time for this\b",
    r"\b(?:the|your) migration can wait\b",
    r"\bmove your people\b",
    r"\bno more (?:delays|discussion|debate)\b",
    r"\bi'm done (?:talking|discussing|waiting)\b",
    r"\bdo it anyway\b",
    r"\bjust do it\b",
    r"\bor else\b",
)
RAPPORT = _any(
    r"^(?:hi|hello|hey|good morning|good afternoon|good evening|morning|afternoon|yo)\b",
    r"\bthanks?\b",
    r"\bthank you\b",
    r"\bappreciate (?:your|you|it|the|this)\b(?![^.?!]{0,40}\b(?:stretch|capacity|cost|hard|"
    r"pressure|plate|busy)\b)",
    r"\b(?:good|nice|great) to (?:see|meet|catch|talk)\b",
    r"\bhow (?:was|were) (?:your|the) (?:weekend|week|vacation|trip|holiday|offsite)\b",
    r"^how are you\b",
    r"\bhope you(?:'re| are) (?:well|doing well|good)\b",
    r"\bcongrat(?:s|ulations)\b",
    r"\bcheers\b",
    r"\bhave a (?:good|great|nice)\b",
    r"\btalk soon\b",
    r"\bgreat (?:working|talking) with you\b",
    r"\bi enjoy working with you\b",
    r"\bi value (?:our|working|you)\b",
)
GENERIC_TERMS = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:people|engineers?|devs?|developers?|weeks?|months?|days?|hours?|"
    r"k\b|%|percent|dollars|heads|reps?|analysts?|designers?|fte)|\$\s*\d|\b(?:i propose|i suggest|"
    r"i'd suggest|my proposal|here's (?:my|what i) (?:offer|proposal)|i can offer|i'll give you|"
    r"in exchange|in return|if you (?!won't|don't|can't|cannot|will not|do not|refuse)"
    r".{0,40}, (?:i|we)(?:'ll| will| can))\b"
)


CANNOT = re.compile(
    r"\b(?:i|we|my team|our team|the team)\s+(?:just\s+|simply\s+)?(?:can't|cannot|can not|"
    r"won't be able to|couldn't|am not able to|are not able to|aren't able to)\b"
)


def _negated(sentence: str, match: re.Match[str]) -> bool:
    return bool(NEGATION.search(sentence[: match.start()][-40:]))


def _found(pattern: re.Pattern[str], sentence: str) -> bool:
    return any(not _negated(sentence, m) for m in pattern.finditer(sentence))


def _is_question(sentence: str) -> bool:
    return sentence.rstrip().endswith("?") or bool(QUESTION_START.match(sentence))


def sentence_acts(sentence: str, has_offer: bool) -> set[str]:
    """Return the acts of one sentence."""
    s = normalize(sentence)
    acts: set[str] = set()
    question = _is_question(s)
    rhetorical = question and bool(RHETORICAL.search(s))
    request = bool(REQUEST.search(s))
    if _found(ESCALATE, s) and not JOINT.search(s):
        acts.add("escalate")
    if _found(PRESSURE, s) or rhetorical:
        acts.add("pressure")
    # "We can't ship the full version by May" states a limit, not terms.
    offered = (has_offer or bool(GENERIC_TERMS.search(s))) and not CANNOT.search(s)
    reflecting = _found(REFLECT, s) and not OWN_POSITION.match(s)
    if reflecting:
        acts.add("reflect")
    if offered and not reflecting and (not question or request or has_offer):
        info_question = (
            question
            and not request
            and bool(re.match(r"^(?:what|what's|how|who|when|where|which|why)\b", s))
        )
        if not info_question:
            acts.add("proposal")
    if question and not rhetorical and "proposal" not in acts and "reflect" not in acts:
        if INQUIRY.search(s) or not request:
            acts.add("inquiry")
    elif not question and INQUIRY_STATEMENT.search(s):
        acts.add("inquiry")
    if _found(ACKNOWLEDGE, s):
        acts.add("acknowledge")
    if _found(REJECT, s):
        acts.add("reject")
    elif _found(ACCEPT, s) and not ACCEPT_NOT.search(s) and not question:
        acts.add("accept")
    if "proposal" not in acts and not reflecting and _found(NEED, s) and not question:
        acts.add("need")
    if RAPPORT.search(s):
        acts.add("rapport")
    return acts


class RuleActs:
    """The rule-based act classifier: transparent, fast, and the fallback of every model."""

    name = "rules"

    def classify(self, text: str, offer_sentences: frozenset[str]) -> dict[str, str]:
        """Return each act of the utterance with the first sentence that carried it."""
        spans: dict[str, str] = {}
        for sentence in sentences(text):
            for act in sorted(sentence_acts(sentence, sentence in offer_sentences)):
                spans.setdefault(act, sentence)
        return spans
