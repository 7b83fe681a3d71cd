"""Analytics for coaches and L&D directors: aggregates computed in the database, readiness
against a competency framework, 360 comparison, cohorts, and xAPI results for the LRS."""
