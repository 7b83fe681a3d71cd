"""The rule reader's vocabulary: one regular expression per act and per cue.

Kept apart from the logic in `rules.py` so each reads in one sitting.
"""

from __future__ import annotations

import re


def _any(*patterns: str) -> re.Pattern[str]:
    """One expression matching any of the patterns, those starting at a word boundary first.

    The boundary they share is tested once per position rather than once per pattern, so
    positions inside a word are passed over quickly: the rule reader's largest cost.
    """
    bounded = [p.removeprefix(r"\b") for p in patterns if p.startswith(r"\b")]
    others = [f"(?:{p})" for p in patterns if not p.startswith(r"\b")]
    shared = [r"\b(?:" + "|".join(f"(?:{p})" for p in bounded) + ")"] if bounded else []
    return re.compile("|".join([*shared, *others]))


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


def is_question(sentence: str) -> bool:
    """Whether a lower-case sentence is put as a question: a question mark, or how it opens."""
    return sentence.rstrip().endswith("?") or bool(QUESTION_START.match(sentence))


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
    r"\bwhat's your excuse\b",
    r"\bwhat(?: exactly)? is so (?:hard|difficult|complicated)\b",
    r"\bwhy (?:does|do|is) (?:everything|it always|this always)\b",
    r"\bwhy is it always\b",
    r"\bare you going to make me\b",
    r"\bwho decided\b",
    r"\bsince when\b",
    r"\bafter everything\b",
    r"\bdo you (?:really|honestly|actually) (?:think|believe|want)\b",
    r"\bdo you have any idea\b",
    r"\bis that really the best\b",
    r"\bwhat(?: exactly)? are you afraid of\b",
    r"\byou reali[sz]e\b[^?]*\bright\?",
    r"\bhow is this still\b",
    r"\bwhat's more important,? (?:your|the)\b",
    r"\bwhy would (?:the|your)\b",
    r"\bwhat's the point of\b",
    r"\bwhat part of\b",
    r"\bwhy are you (?:the only|making|being|always)\b",
    r"\bhow many times do i have to\b",
    r"^really\?",
    r"\bare you (?:really|seriously|honestly) going to\b",
    r"\bis it (?:really |honestly )?that (?:hard|difficult|complicated)\b",
    r"\bhow hard is it\b",
    r"\bdon't you want\b",
    r"\bwhy (?:does|do|is|are) (?:\w+ ){1,2}(?:always|never)\b",
    r"\bwhy (?:does|do) \w+ make everything\b",
    r"\bcan we stop pretending\b",
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
    r"\b(?:i|we) want (?:to (?!be clear|make sure i)|the|our|us to|my)\b",
    r"\bwhat (?:i|we) (?:really )?care about\b",
    r"\bwhat (?:i'm|we're|i am|we are) after\b",
    r"\b(?:my|our) (?:top|biggest|main|first) (?:concern|worry|priority)\b",
    r"\b(?:i'm|i am|we're|we are) (?:responsible|the ones)\b",
    r"\b(?:it|this) (?:all )?comes down to\b",
    r"\b(?:i'd|we'd) like (?:my|our) (?:team|people|customers)\b",
    r"\b(?:i|we) have (?:a|an) (?:commitment|obligation|deadline)\b",
    r"\bwe (?:just )?don't have the\b",
    r"\b(?:i|we)(?:'ve| have) already (?:booked|committed|announced|promised|told)\b",
    r"\bor we (?:lose|miss)\b",
    r"\bwhich is what (?:i|we) need\b",
)
ACKNOWLEDGE = _any(
    r"\bi (?:know|understand|realize|realise|recognize|recognise|get|see|hear|"
    r"imagine|can see|can imagine|can tell)\b[^.?!]{0,60}\b(?:you|your|stretched|capacity|"
    r"a lot|hard|tough|difficult|cost|burden|ask|plate|pressure|busy|strain|load|heavy|"
    r"stretch|sacrifice|painful|rough|hurt|frustrating|frustrated|scary|awful|brutal|"
    r"exhausting)\b",
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
    r"\bi (?:see|appreciate) (?:the effort|you trying|that you tried)\b",
    r"\bi(?:'m| am) adding to it\b",
    r"\bno wonder you\b",
    r"\b(?:i know|i realise|i realize) (?:it's|this is) a lot\b",
    r"\byou(?:'re| are) (?:right|stretched|at capacity|under)\b",
    r"\bthat's (?:a )?(?:legitimate|fair|real|valid)\b",
    r"\byour (?:concern|worry|constraint)s? (?:is|are) (?:real|valid|legitimate|fair)\b",
    r"\b(?:i'm|i am) (?:aware|conscious)\b",
    r"\bsounds (?:hard|tough|rough|brutal|difficult|painful|stressful|exhausting|awful|scary)\b",
    r"\b(?:that's|that is|it's) (?:brutal|awful|scary|rough|painful|tough)\b",
    r"\bi'd be \w+ too\b",
    r"\b(?:real|big|huge) sacrifice\b",
    r"\bnot (?:an )?easy\b",
    r"\byou've (?:clearly |already )?(?:stretched|moved|come a long way|been (?:more than )?(?:patient|generous))\b",
    r"\basking (?:for more|a lot|you)\b",
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
# A bare filler ("ok", "yes", "hmm, ok then"): `other` in the guide, whatever is on the table.
FILLER = re.compile(
    r"^\W*(?:hmm+\W*)?(?:ok(?:ay)?|k|kk|yes|yeah|yep|yup|fine|sure|alright|all right|right)"
    r"(?:\W+(?:ok(?:ay)?|sure|then|yes|yeah|fine))*\W*$"
)
# Agreement on a condition put to them ("Deal, as long as QA comes from your side", "Fine, but
# you'll need to cover QA", "That works if we make it six weeks"): a counter-proposal.
CONDITION = _any(
    r"\b(?:as long as|so long as|provided|providing|on (?:the )?condition|only if|if)\b"
    r"(?! (?:it|that|this) (?:works|suits|helps))[^.?!]{0,40}\b(?:you|your)\b",
    r"\bbut (?:you|your team)(?:'ll| will| would)? (?:need|needs|have|has|must)\b",
    r"\b(?:if|as long as|provided|on (?:the )?condition(?: that)?) we (?:make|change|move|push|"
    r"add|drop|take|switch|start|launch|get|keep)\b",
)
# Giving terms, or settling on them: "You can have the company car", "We can do a phased
# launch", "I'll give you November", "We have decided to offer you the fast track", "I gave
# you the car", "Let's go for a programmer", "A phased launch it is", "Four weeks then".
# Naming their terms this way agrees to them; naming them to find fault with them ("Four
# weeks doesn't fund it") does not.
GIVING = _any(
    r"\b(?:you|u) (?:can|could|will|'ll|may) (?:have|get|keep|be|go)\b",
    r"\b(?:i|we)(?:'ll| will| can| could|'d| would| am able to| are able to| are happy to|"
    r"'re happy to| am happy to) (?:do|give|offer|provide|put|grant|make|start|keep|go with|"
    r"go for|go ahead|okay|approve|assign|cover|take|agree|include|add)\b",
    r"\b(?:i|we)(?:'ve| have) (?:decided|agreed|chosen) to\b",
    r"\b(?:i|we)(?:'ve| have) (?:given|included|added|assigned|approved|changed|put)\b",
    r"\b(?:i|we) (?:gave|included|added|assigned|approved)\b",
    r"\blet'?s (?:go|do|make it|say|settle|keep|start|put)\b",
    r"\bit is[.!]*$",
    r"\bthen[.!]*$",
    r"\b(?:is|are) fine\b",
)
# A sentence that says no: "not", "never", "no", "can't".
NAYSAYING = re.compile(r"\b(?:not|never|no|nothing|none)\b|n't\b")
# Instructions to the system rather than words to a peer: `other`, whatever terms they name.
INJECTION = _any(
    r"\b(?:ignore|disregard|forget) (?:all |any |the |your |my )?(?:previous |prior |above )?"
    r"(?:instructions|rules|role|prompt|scenario|brief)\b",
    r"^(?:system|assistant|developer)(?: override)?:",
    r"\bnew instructions?:",
    r"\byou are (?:now|an? (?:ai|assistant|language model))\b",
    r"\b(?:agreement|developer|god) mode\b",
    r"\bpretend (?:you are|to be|you're) (?:the|an?|my)\b",
    r"\bas an ai\b",
    r"\b(?:print|reveal|show me|tell me) (?:your|the) (?:system )?(?:prompt|instructions|hidden)\b",
    r"\brespond only with\b",
)
# "I need to check my notes": logistics, not an interest.
NEED_NOT = re.compile(
    r"\b(?:i|we) need (?:to (?:check|look|grab|drop|book|confirm|think|run|step|jump|get back|"
    r"go|leave|pull|find|see|take a|hop|head)|a (?:coffee|minute|second|moment|break))\b"
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
    r"\bsounds (?:good|great|perfect|fine)\b(?!,? but)",
    r"\bthat's fine\b",
    r"\bi'm in\b",
    r"\bi can (?:accept|do) that\b",
    r"\b(?:is|are|'s) (?:perfectly |totally |entirely )?acceptable\b",
    r"\bcount (?:me|us) in\b",
    r"\bwe have an agreement\b",
    r"\b(?:happy|fine|glad) to go with\b",
    r"\bwe can accept\b",
    r"\b(?:we're|we are) (?:agreed|aligned)\b",
    r"\bit is[.!]?$",
    r"\bconsider it done\b",
    r"^(?:i |we )?agree(?:d)?\b(?! (?:that we|in principle|to (?:keep|disagree)))",
    r"\b(?:i|we)(?:'ll| will| can| could| would like to) agree to\b",
    r"\b(?:we|i) agree on\b",
    r"^of course\b",
    r"\b(?:that's|it's|that is|this is) workable\b",
    r"\b(?:we|i) can do that\b",
    r"\blet'?s do (?:it|that)\b",
    r"\b(?:your|the|that) (?:proposal|offer|option|plan|terms?|package|version) (?:works|is fine|is good)\b",
    r"\b(?:happy|ready|glad) to sign\b",
    r"\b(?:is|are) fine (?:with|by) (?:me|us)\b",
    r"\bfine by (?:me|us)\b",
    r"\byes to (?:your|the|that)\b",
    r"\b(?:that's|it's) a deal\b",
    r"\bwe'll (?:go with|take) (?:the|your|option|[abc][.!]?$)",
    # "Done, thanks for working through this", "…plus the SDR pilot, agreed.", "Option two looks
    # good": agreement said with thanks, closed by "agreed", or given to an option by name.
    r"^(?:deal|done|agreed|perfect)\b[.!,]*\s*(?:thanks|thank you)\b",
    r"(?:,|\band)\s*agreed[.!]*$",
    r"\b(?:option \w+|the \w+ (?:one|option)) (?:is|sounds|looks) (?:great|good|fine|perfect)\b",
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
    r"\b(?:not|won't be|aren't) (?:going to )?accept(?:ing)?\b",
    r"\bout of the question\b",
    r"\b(?:beyond|further than) (?:what )?we can\b",
    r"\bwon't (?:fly|cut it|do it|work)\b",
    r"\bdoesn't (?:meet|work for)\b",
    r"\bnot a (?:trade|deal) (?:i|we) can\b",
    r"\bnot comfortable with\b",
    r"\b(?:way |far |much )?too (?:slow|expensive|long|risky|high|tight|late)\b",
    r"\b(?:a |that's a )?(?:hard )?no (?:from me|to|on)\b",
    r"\bhave to (?:pass|decline)\b",
    r"\b(?:i|we) (?:disagree|refuse|reject)\b",
    r"^(?:disagree|refuse|rejected?)\b",
    r"\b(?:we|i) (?:don't|do not) agree (?:to|on|with)\b",
    r"\b(?:i'm|i am) going to (?:pass|have to (?:pass|decline|turn))\b",
    r"\bturn (?:that|it|this) down\b",
    r"\babsolutely not\b",
    r"\bnot an option\b",
    r"\bfar (?:above|below|beyond|short)\b",
    r"\bso,? no\b",
    r"\bnot something (?:we|i) can\b",
    r"\bcan't go along with\b",
    r"\bbelow what (?:we|i) can\b",
    r"\b(?:isn't|is not|not) (?:workable|doable)\b",
    r"\bmore than (?:my|our) (?:budget|team|people) can\b",
    r"\bdoesn't get us anywhere\b",
    r"\bwon't (?:staff|cover|fix|save|move|carry|convince|get)\b",
    r"^(?:sorry|unfortunately),? (?:we|i) can't\b",
    r"\b(?:that's|it's|that is) a no\b",
    r"\b(?:doesn't|does not|won't) (?:help|fix|solve|change) (?:anything|much|it|that|us|the)\b",
    r"\b(?:isn't|is not) (?:shippable|signable|happening|realistic|feasible|possible)\b",
    r"\b(?:worse|less) than (?:what we have|today|now)\b",
    r"\bsets? us up to fail\b",
    r"\bkills? the (?:deal|launch|plan)\b",
    # A limit on terms declines whatever lies past it ("We cannot give you a company car").
    r"\b(?:i|we)\s+(?:just\s+|simply\s+|really\s+)?(?:can't|cannot|can not|won't be able to|"
    r"will not be able to|am not able to|are not able to|aren't able to|could not|couldn't)\s+"
    r"(?:\w+\s+)?(?:give you|offer|provide|promise|pay|approve|fund|spare|lend|release|hire|allow|"
    r"authori[sz]e|budge|extend|match|stretch|commit to|go (?:above|below|beyond|past|over|under|any))\b"
    r"(?! (?:your|their|his|her|my|our) heads?\b)",
    r"\b(?:no|not) more than\b",
    r"\b(?:the )?(?:best|most|furthest) (?:i|we) can (?:do|offer|go|give|stretch)\b",
    r"\b(?:i|we) (?:top|max) out\b",
    r"\bnot (?:a chance|possible|happening)\b",
    r"\btoo far apart\b",
    r"\b(?:i|we) (?:will not|won't|do not|don't) (?:allow|approve|offer|provide|authori[sz]e)\b",
    r"\byou (?:can't|cannot|can not) (?:have|get)\b",
    r"\b(?:have|need|going) to (?:reject|refuse)\b",
    r"\bregret (?:to|that)\b",
    # What was asked for is not there to give: "no openings", "already filled", "not on the table".
    r"\b(?:am|are|is|'m|'re) unable to\b",
    r"\b(?:there is|there's|we have|i have) no (?:open |free |spare )?(?:openings?|vacanc(?:y|ies)|"
    r"spots?|room(?! for error)|headcount|capacity)\b",
    r"\b(?:don't|do not|dont) have (?:any|a|one) (?:\w+ )?(?:\w+ )?(?:openings?|vacanc(?:y|ies)|"
    r"spots?|positions?|headcount)\b",
    r"\bnot on (?:offer|the table)\b",
    r"\b(?:has|have) already been (?:filled|taken|given away|promised)\b"
    r"|\b(?:has|have) been filled\b|\bis (?:already )?filled\b",
    r"\breserved (?:just |only )?for\b",
    r"\b(?:is not|are not|isn't|aren't) available\b",
    r"\b(?:do not|don't|doesn't|does not) qualify\b|\bnot qualified\b",
    # The top of a range: "90,000 would be as high as we allow", "the high end of our scale".
    r"\bas (?:high|far|low) as (?:i|we) (?:allow|(?:can|could|will) (?:go|stretch|offer|pay))\b",
    r"\bthe (?:high|top) end of\b",
    r"\b(?:a (?:little|bit) much|too much for (?:me|us))\b",
    r"^(?:that's|that is|it's|it is|that'd be|that would be) (?:a (?:little|bit) )?"
    r"(?:tough|hard|difficult) for (?:me|us)\b",
    # The end of what one can do: "Six weeks is the lowest I can go", "November is the
    # earliest we could start", "Three is the minimum I can work with" (not "What's the most
    # we can do?", a question).
    r"(?<!\bwhat)(?:'s| is) (?:the|my|our) (?:absolute |very )?(?:lowest|highest|earliest|latest|"
    r"most|minimum|maximum|shortest|longest|fewest|furthest|best|cheapest|soonest)"
    r"(?: (?:offer|deal|number|figure|terms|date|price|rate|salary|amount|option))? (?:i|we) "
    r"(?:can|could|will|would|am able to|are able to)\b",
    r"^(?:the )?(?:earliest|latest|lowest|highest|fewest|minimum|maximum|shortest|longest) "
    r"(?:i|we) (?:can|could)\b",
    r"\b(?:i|we) (?:won't|will not|wouldn't|would not) go (?:any )?(?:lower|higher|further|"
    r"below|above|beyond|past|under|over)\b(?! (?:your|their|his|her|my|our) heads?\b)",
    r"\b(?:won't|will not|can't|cannot|can not|couldn't|could not)\b[^.]{0,40}\bany(?:thing)? "
    r"(?:lower|higher|less|more|fewer|longer|shorter|earlier|later) than\b",
    r",\s*(?:and |but )?no (?:more|higher|further|longer|later|sooner)[.!]*$",
    r"\b(?:can't|cannot|can not|unable to|not able to|won't be able to) do (?:(?:any(?:thing)? )?"
    r"(?:more|less|fewer) than\b|(?:over |under )?(?:\$?\d|(?:one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve)\b))",
)
_ABOVE = (
    r"(?:the ceo|ceo|ceo's|your boss|your manager|leadership|the leadership team|the exec team|"
    r"exec team|the execs?|execs|exec sponsor|executive committee|steering committee|the board|"
    r"board chair|higher up|up the chain|upstairs|your vp|your director|my boss|my vp|my svp|"
    r"the president|the founders?|general counsel|"
    r"the (?:cfo|coo|cto|cro|cmo|chro|cpo|svp|evp|gm))"
)
_THREAT = (
    r"(?:i'll|i will|i'm going to|i am going to|i'd have to|i have to|i'll have to|i need to|"
    r"i may|i might|i could|i can|i'll just|or i|otherwise i|then i|i'm taking|i'm going)"
)
ESCALATE = _any(
    rf"\b{_THREAT}\s+(?:have to\s+|just\s+)?(?:go|take|bring|raise|kick|push|send|flag|"
    rf"elevate|escalate|tell|talk to|loop in|involve|get|call|email|copy|put|ask)\b"
    rf"[^.?!]{{0,30}}?\b(?:to |with |in )?{_ABOVE}\b",
    r"\b(?:take|taking|bring|bringing) (?:this|it) up with (?:yours|your boss|your manager)\b",
    r"\bfind someone (?:on|in) your team\b",
    r"\b(?:the ceo|coo|cfo|board|execs?|leadership)(?:'s)? (?:will|can|should|needs to) "
    r"(?:decide|make the call|settle|sort|hear|weigh in|overrule)\b",
    r"\bover your head\b",
    r"\bgo(?:ing)? around you\b",
    rf"\b{_THREAT}\s+(?:have to\s+|just\s+)?escalat(?:e|ing)\b",
    r"\bescalat(?:e|ing) (?:this|it|that|the matter|the issue|above|over)\b",
    r"\blet the (?:ceo|cfo|coo|cto|cro|exec|execs|board|boss|leadership) "
    r"(?:decide|sort|settle|weigh|handle|make the call)\b",
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
    r"\b(?:won't|will not) take no\b",
    r"\bwasting (?:my |our )?time\b",
    r"\b(?:that's|it's) final\b",
    r"\b(?:that's|and that's) the end of (?:it|that)\b",
    r"\bno alternative\b",
    r"\bstop (?:telling|hiding|pushing|stalling|dragging|arguing|overthinking|deferring)\b",
    r"\bnot leaving (?:this room|here) without\b",
    r"\bthe answer has to be yes\b",
    r"\bi (?:expect|want) (?:this|it) done\b",
    r"\bi don't want (?:a discussion|to hear)\b",
    r"\b(?:that's|it's) your job\b",
    r"\bno (?:ifs|discussion|extensions)\b",
    r"\bnot up for (?:debate|discussion)\b",
    r"\bperiod\b",
    r"\b(?:isn't|is not|aren't) (?:my|our) (?:problem|concern)\b",
    r"\bspare me\b",
    r"\bdon't (?:give me|make me ask|tell me it's)\b",
    r"\benough (?:with|of) (?:the|your)\b",
    r"\bdecide\.$",
    r"\bjust (?:sign|approve|make the call|say yes)\b",
    r"\bnot interested in (?:excuses|hearing|your)\b",
    r"\bi'm done (?:negotiating|debating|arguing)\b",
    r"\bnot (?:discussing|debating) (?:this|it)\b",
    r"\bdon't bring (?:it|this|that) up again\b",
    r"\bstop pretending\b",
    r"\bi've heard enough\b",
    r"\bdon't waste my time\b",
    r"\bi shouldn't have to (?:justify|explain|ask)\b",
    r"\bnobody cares (?:about|what)\b",
    r"\bnot a (?:day|dollar|minute|week|cent) more\b",
    r"\byou(?:'ve| have) got until\b",
    r"\blast chance\b",
    r"\bnot leaving (?:\w+ ){0,2}without\b",
    r"\b(?:a yes|an answer|a decision) (?:today|now|this week),? not\b",
    r"\bfind me (?:the|some|a)\b",
    r"\b(?:every ?(?:one|body)|every (?:team|region|unit|product|department|function))(?:'s| is| has| wants| complains| says)\b",
    r"\bor nothing\b",
    r"\b(?:isn't|is not|aren't|are not) (?:more important than|a reason to)\b",
    r"\ba joke\b",
    r"\b(?:you|your team)(?:'ll| will)? (?:have|need) to find a way\b",
    r"\bor (?:else\b|i(?:'m| am|'ll| will)? (?:\w+ ){0,5}?(?:escalat\w*|(?:go|going|take|taking) (?:it |this )?(?:to the (?:ceo|cfo|coo|cto|board|exec\w*)|upstairs|over your head|to your boss))|the (?:ceo|cfo|coo|cto|board) (?:decides|hears|will))",
    r"\byou (?:always|never|keep)\b",
    r"\bnot (?:going to|gonna) keep\b",
    r"\bout of patience\b",
    r"\bgoing in circles\b",
    r"\b(?:every|any) other (?:team|region|unit) (?:manages|managed|does|did)\b",
    r"\beveryone else (?:manages|managed|does|did)\b",
    r"\b(?:doesn't|don't|does not|do not) care about your\b",
    r"\b(?:isn't|aren't|not) my (?:problem|priority|concern)\b",
    r"\bdeal with it\b",
    r"\bjust (?:give|do|fix|find|move|get) (?:me|it|us|the)\b",
    r"\bridiculous\b",
    r"\bnot interested in why\b",
    r"\bdon't tell me (?:about|that|again)\b",
    r"\bi want a yes\b",
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
    r"\bhow (?:are|is|was|were|did|have) (?:the kids|the family|things|you been|the game|the new|"
    r"the marathon|your daughter|your son)\b",
    r"\bhow've you been\b",
    r"\bdid you (?:catch|see|have a good|get any time)\b",
    r"\b(?:so |really )?(?:good|great|nice|lovely) to (?:see|hear|have)\b",
    r"\blooking forward to (?:working|seeing|catching)\b",
    r"\bgood luck\b",
    r"\bhappy (?:friday|monday|new year|holidays)\b",
    r"\b(?:nice|great|good) (?:job|work|shirt|talk|point)\b",
    r"\benjoy (?:the|your)\b",
    r"\bhope (?:the family|your|you got|the move)\b",
    r"\bwelcome (?:back|to the team)\b",
    r"\bloved (?:your|the)\b",
)
# "We can't ship the full version by May" states a limit, not terms.
CANNOT = re.compile(
    r"\b(?:i|we|my team|our team|the team)\s+(?:just\s+|simply\s+)?(?:can't|cannot|can not|"
    r"won't be able to|couldn't|am not able to|are not able to|aren't able to)\b"
)
GENERIC_TERMS = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:people|engineers?|devs?|developers?|weeks?|months?|days?|hours?|"
    r"k\b|%|percent|dollars|heads|reps?|analysts?|designers?|fte)|\$\s*\d|\b(?:i propose|i suggest|"
    r"i'd suggest|my proposal|here's (?:my|what i) (?:offer|proposal)|i can offer|i'll give you|"
    r"in exchange|in return|if you (?!won't|don't|can't|cannot|will not|do not|refuse)"
    r".{0,40}, (?:i|we)(?:'ll| will| can))\b"
)
