"""Archetype identification: which of the five AI workforce archetypes a person holds.

A pure engine. It reads a free-text role description (and any answers to screening questions),
finds lexicon phrases in it, and scores every archetype in [0, 1] with the evidence behind the
score. When the evidence is thin it names the screening question worth asking next.

How a score is built, and why:
- Each phrase found gives a weight per archetype. A job title alone is a weak hint, so titles
  for the same archetype are not simply added up: the strongest counts in full and the others
  only in part. Activities (what the person does) are independent signals and combine by
  noisy-OR, so two different activities make an archetype more certain than one.
- Activities count fully only with AI in view, because "I run the tender" says little about AI
  unless AI is mentioned. Without it they count at 60% and never make the engine confident.
- Negated phrases ("I don't build models") count against the archetype.
- Answers outrank the text: "no" forces an archetype out, "primary" puts it first.

When to stop asking: the engine is confident once a held archetype rests on evidence about AI
(a clear title such as CCIO, phrases said with AI in view, or an answer), or when no question is
left worth asking. A plain clinical title, or vague text, is never enough on its own; nor is a
manager's or scientist's title beside AI, or a lone everyday word of a profession ("QA",
"testing") that AI or "it" does not follow: those are worth a question, even beside an
archetype already settled.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

from knowledge.engines.text import (
    CHECK_STEMS,
    NEGATORS,
    FuzzyIndex,
    Token,
    asks_how_well,
    checks_on_past_cases,
    checks_over_time,
    day_marks,
    main_marks,
    names_in_clause,
    negated,
    opens_side_time,
    records_its_errors,
    sets_the_time,
    side_from,
    split_clauses,
    stem,
    strict_typo,
    to_second_person,
    tokenise,
    unify,
    works_on_outputs,
)
from knowledge.engines.views import (
    ANSWERS,
    ARCHETYPE_KEYS,
    ARCHETYPE_NAMES,
    ArchetypeProfile,
    ArchetypeScore,
    Evidence,
    Lexicon,
    LexiconEntry,
    Screening,
)

# --- tuning constants (sane defaults, not fitted to test cases) --------------------------------

HOLD = 0.5  # an archetype is held from this score
STRONG = 0.5  # evidence about AI adding up to this is enough to be confident
AGAINST = 0.3  # a negated phrase this heavy settles an archetype as not held
AI_LOCAL, AI_ELSEWHERE, AI_NONE = 1.0, 0.85, 0.6  # activity weight by where AI is mentioned
NEGATED = 0.8  # a negated phrase counts against at this share of its weight
EXTRA_TITLE = 0.5  # second and later job titles for an archetype count at this share
ROLE_GAP, ACTIVITY_GAP = 1, 2  # spare words allowed between the words of a phrase
AI_GAP = 4  # before an AI term: "I look at the perfusion maps and the AI's call"
AI_NEGATION_WINDOW = 8  # "nothing I use in theatre involves AI" denies AI in view
OTHERS = 0.3  # what an organisation or colleague does counts at this share for the speaker
EMPLOYER = 0.5  # an employer's name counts at this share next to the person's own job title
WORK_TITLE = 0.6  # a job title this heavy says what the work is, AI or not (a commissioner)
FRONTLINE = 0.25  # a job title giving Users at least this is a frontline (User) role
OWN_USE = 0.55  # a use phrase this heavy says the person uses the tool themselves
ASSESSING = 0.5  # a Creators phrase no heavier than this may be a regulator's assessment
POINTERS = frozenset({"it", "its", "them"})  # words that point back to a tool named before
# Words by which work is done with a tool or its output: "with it", "from its forecasts".
WORKING_FROM = frozenset({"with", "from", "off", "by"})
OWN_WORK = 0.4  # ... or a Users activity this heavy with "I" as its subject
ASK_MORE = 0.35  # an unsettled hint this strong for another archetype is worth one question
NEARLY_HELD = 0.42  # ... or own words and job title adding up to this (set on the tuning half)
SIDE_HINT = 0.3  # ... or this strong, when said as extra work ("I also audit it")
LEADING = frozenset({"drivers", "shapers"})  # archetypes whose titles name leading work
# Words after "building" that make it part of a place's name ("building management system").
# Words after a noun that end its phrase rather than name a kind of thing ("maintenance of").
FUNCTION_WORDS = frozenset({"of", "on", "for", "and", "or", "to", "with", "in", "at", "is", "was",
                            "are", "were", "as", "but", "so", "by", "from", "too", "work"})
BUILDING_NOUNS = frozenset({"management", "services", "controls", "control", "maintenance",
                            "works", "manager", "managers", "regulations", "systems", "system",
                            "safety", "fabric", "surveyor", "compliance"})
# Words opening a clause that carries on the one before it, as part of the same work.
CONSEQUENCES = frozenset({"so", "where", "which"})
# The first words of phrases that say a tool is brought in, not how (_managers_adopt).
ADOPTING = frozenset(stem(w) for w in ("implement", "roll", "rollout", "deploy", "pilot",
                                        "introduce", "bring", "launch", "adopt"))
LEADING_STEMS = frozenset(stem(w) for w in ("lead", "led", "run", "ran", "manage"))
# The first words of phrases that say a tool is checked, hands on: in "we are validating it",
# a team's own work, which the speaker shares (_organisation_we).
CHECKING = frozenset(stem(w) for w in ("validate", "validating", "test", "testing", "evaluate",
                                       "audit", "verify", "assure"))
SCOPE_WORDS = frozenset({"regional", "national", "local"})  # see _drop_stretched
GROUP_NOUNS = frozenset({"team", "teams", "staff", "colleagues", "workforce"})  # ditto
ARTICLES = frozenset({"a", "an", "the"})  # "the trust has a business case": skipped
OBJECT_REACH = 3  # words after an everyday activity where "it" or an AI term makes it AI work
# Judging what others submit (_assessing_submissions): the verbs, and the starts of the stems
# of what is submitted.
ASSESS_VERBS = frozenset(stem(w) for w in ("assess", "review", "appraise", "evaluate", "judge"))
SUBMITTED = ("submis", "submit", "applic", "dossier")
MAX_EVIDENCE = 8  # per archetype, strongest first
# The lexicon activity that looking at a tool's figures at intervals counts as (_checks_over_time).
MONITORING = "monitor performance"
VIGILANCE = "post-market surveillance"  # the entry for incident reporting and vigilance
# Seats on a body, and its boards ("the national AI assurance board").
GOVERNANCE_SEATS = frozenset({"steering group", "chair", "working group", "report to the board"})
OUTPUT_USE = "use the tool"  # the entry for working on what a tool puts out
ERROR_REPORTS = "report its errors"  # the entry for recording what a tool gets wrong
SUPPLIER = "work for a supplier"  # the entry for working at a firm that makes AI
GO_LIVE = "before go-live"  # the entry for the time before a tool is used in earnest
LOCAL_VALIDATION = "local validation"  # the entry for testing a tool where it will be used
DECIDING = "decide which tools"  # the entry for deciding what a service adopts
COMMISSIONING = "commission"  # "commissioning" alone: buying a service, or testing a tool
TROUBLESHOOTING = "troubleshoot"  # the entry for sorting out a tool that breaks
EDITING = "edit the ai output"  # the entry for correcting what a tool drafts
DASHBOARDS = "dashboards"  # the entry for building dashboards and reports
ON_A_SCREEN = frozenset({"on", "in", "from", "off", "at", "via"})  # "on the dashboard"
COMMISSION_SERVICES = "commission services"  # the entry for buying a service
COMMISSION_SYSTEM = "commission the system"  # the entry for testing a tool before use
EMPLOYER_REACH = 6  # words from a job title to the firm named as where it is held
MAX_QUOTE = 200  # characters; longer clauses are cut around the phrase

PRIOR_PULL = 0.5  # how much an archetype's prior (archetypes.yml) matters against uncertainty
HINT = 0.6  # weak (non-AI) evidence is read at this share when judging how unsettled it is

ANSWER_WEIGHTS: dict[str, float] = {"yes": 0.9, "partly": 0.6, "primary": 1.0}

AI_KEY = "<ai>"  # inside a compiled phrase: any AI-context mention
# Words that may sit inside a phrase without counting as a spare word.
OPTIONAL = frozenset({"a", "an", "the", "my", "our", "your", "their", "its", "his", "her",
                      "some", "any", "one", "these", "those", "this", "that", "all", "each"})
# Words before "building" that make it a place ("each building"): see _a_building.
PLACE_BEFORE = OPTIONAL | {"every", "new", "main", "whole", "old", "two", "three", "several",
                           "other", "hospital", "office"}
# Words a phrase may not stretch across ("use of AI" is not "use AI"; "use no AI" is negated).
# "fix what it finds" is not "fix it"; "lead at an AI company" is a job, not "lead AI"; "fix the
# rota when it gets it wrong" is not "fix it".
GAP_BREAKERS = NEGATORS | {"of", "but", "than", "if", "whether", "rather", "instead", "what",
                           "whatever", "which", "at", "when"}
_QUANTIFIERS = frozenset({"one", "some", "any", "all", "none", "each", "couple", "few", "lot",
                          "lots", "most", "both", "several", "many", "hundreds", "thousands",
                          "dozens", "loads", "plenty", "millions", "tens"})
# The speaker in a clause, and the words a clause about someone else opens on.
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
ONE_OF_US = FIRST_PERSON | {"as", "we"}  # before "one of the people ...": see _among_them
# "Our trust is bringing in ...": a clause whose subject is the person's workplace.
WORKPLACES = frozenset({"trust", "practice", "ward", "team", "service", "department", "hospital",
                        "unit", "surgery", "board", "organisation", "company", "council", "icb",
                        "pcn", "lab", "clinic", "pharmacy", "home", "site", "agency",
                        "university", "college", "hospice", "provider", "charity"})
WORKPLACE_STEMS = frozenset(stem(w) for w in WORKPLACES | {"surgeries", "homes", "pharmacies"})
QUESTION_STARTS = frozenset({"what", "how", "which", "where", "anything"})
# Words a self-introduction does not open on: someone else is the subject.
NOT_SELF_OPENERS = frozenset({"the", "they", "their", "it", "its", "this", "he", "she", "his",
                              "her", "our", "everyone", "management", "colleagues", "staff"})
# ... and, for a clause that says what others do, the organisations and departments too.
OTHER_SUBJECTS = NOT_SELF_OPENERS | {"radiology", "pathology", "trust", "icb", "ics", "hospital",
                                     "department", "partners", "company", "board", "nhs"}
# Words between "I" and what I do: "I still report", "I'll be triaging", "I now also check".
SUBJECT_GAP = frozenset({"still", "also", "just", "now", "then", "often", "sometimes", "usually",
                         "regularly", "always", "will", "would", "be", "am", "do", "personally",
                         "mostly", "mainly", "actually", "daily", "routinely", "myself"})
# "the BMS flags faults", "our CCIO chairs the board": a title as the subject of a verb, or
# naming a thing, is not the speaker's job. The words before it, and after it, that show so.
DETERMINERS = frozenset({"the", "our", "their", "his", "her", "my", "your"})
DETERMINERS_AND_ARTICLES = DETERMINERS | ARTICLES
BEING = frozenset({"am", "is", "are", "was", "were", "be", "been", "being", "as"})
THING_NOUNS = frozenset({"system", "systems", "software", "alarm", "alarms", "controls",
                         "sensor", "sensors", "data", "platform", "dashboard", "network",
                         "contract", "upgrade", "interface", "server", "points", "panel"})
THIRD_PERSON_VERBS = frozenset({
    "is", "was", "has", "had", "will", "would", "can", "could", "does", "did", "should", "may",
    "might", "keep", "use", "flag", "send", "run", "read", "say", "want", "ask", "asked",
    "told", "tell", "decide", "decided", "chair", "lead", "make", "predict", "optimise",
    "control", "monitor", "alert", "detect", "pick", "spot", "show", "give",
    "chose", "bought", "picked", "selected", "funded", "approved", "introduced", "brought",
    "agreed", "signed", "wanted",
})
AUXILIARIES = frozenset({"is", "are", "was", "were", "has", "have", "been", "being", "going",
                         "getting"})
# Subjects that make what follows someone else's doing ("they use AI", "staff rely on it").
THIRD_PARTIES = frozenset({"they", "he", "she", "people", "staff", "students", "patients",
                           "colleagues", "clinicians", "trainees", "learners", "practices",
                           "trusts", "providers", "partners", "members", "others", "everyone",
                           "nobody", "doctors", "nurses", "gps", "managers", "families",
                           "services", "teams", "wards", "sites", "hospitals", "organisations",
                           "users", "companies", "firms", "suppliers", "vendors", "developers",
                           "researchers", "universities", "startups", "manufacturers"})
# "companies wanting NHS data to train models on", "suppliers hoping to sell AI": what the
# infinitive after such a verb does is the wanter's doing, not the speaker's.
WANTING = frozenset({"wanting", "want", "wants", "hoping", "hope", "hopes", "looking", "seeking",
                     "trying", "asking", "keen", "planning"})
WANTING_REACH = 5  # words from "to" back to the verb of wanting
HELPING = frozenset(stem(w) for w in ("help", "helping", "helped", "support", "supporting"))
# Relative pronouns that, after a thing, an AI term or a firm, make what follows its doing:
# "software that uses AI to plan the routes", "a firm that sells an AI product" describe the
# software or the firm, not the speaker's work.
RELATIVES = frozenset({"that", "which"})
FIX_STEM = stem("fix")
WRITERS = frozenset({"it", "ai"})  # with TOOL_NOUNS, what writes: "it drafts", "the AI types"
# What a tool does when it writes something ("it drafts", "the software transcribes").
DRAFTING = frozenset(stem(w) for w in ("drafts", "writes", "types", "typed", "transcribes",
                                       "summarises", "produces", "fills", "generates",
                                       "suggests", "records"))
BREAKING = frozenset(stem(w) for w in ("breaks", "broken", "crashes", "down", "fault",
                                       "faults", "freezes", "offline", "outage"))
# The words of AI named as a technique rather than a product ("machine learning", not "ChatGPT").
TECHNIQUE_WORDS = frozenset({"ai", "artificial", "intelligence", "machine", "learning", "deep",
                             "neural", "network", "networks", "nlp", "natural", "language",
                             "processing", "computer", "vision", "ml", "algorithms",
                             "algorithm", "predictive", "modelling", "analytics", "generative",
                             "genai", "models", "model", "statistical", "statistics"})
COMMISSION_STEM = stem("commission")
# Words after "commission" that make it buying a service or work ("from a community provider",
# "the national learning resources").
SERVICE_WORDS = frozenset({"service", "services", "pathway", "pathways", "provider",
                           "providers", "from", "resources", "research", "evaluation",
                           "evaluations", "programme", "programmes", "courses", "training"})
COMMISSION_REACH = 8  # words after "commission" that may say what is commissioned
# Words a tool's own verb follows ("it predicts"), or that make a noun the tool's ("its").
TOOL_SUBJECTS = RELATIVES | {"it", "its"}
SOMEONE = frozenset({"those", "anyone", "someone", "somebody", "anybody", "whoever"})
TOOL_NOUNS = frozenset({"tool", "tools", "app", "apps", "product", "products", "software",
                        "system", "systems", "platform", "model", "models", "algorithm",
                        "company", "firm", "startup", "supplier", "vendor", "manufacturer",
                        "pipeline", "pipelines", "solution", "solutions", "device", "devices",
                        "sensor", "sensors", "camera", "cameras", "robot", "robots", "analyser",
                        "analysers", "scanner", "scanners", "chatbot", "assistant"})
# Words between a subject and what it does that say nothing of who does it ("a service may
# start using it").
MODALS = frozenset({"may", "might", "start", "starts", "started", "begin", "begins"})
SUBJECTS = frozenset({"i", "we", "you", "they", "he", "she", "it"})
CLAUSE_OPENERS = (SUBJECTS - {"it"}) | {"sure"}  # inside a phrase ("plug it in" is one phrase)
# How far back from a phrase the "I" whose verb it is the object of may be (_object_of_mine),
# and the words that, between them, make it someone else's doing or a thing described.
OBJECT_SPAN = 5
USE_STEM = stem("use")
METHOD_REACH = 6  # words from "use AI" to the making it is the means of (_use_as_a_method)
RECEIVING = frozenset(stem(w) for w in (
    "get", "getting", "receive", "act", "acting", "respond", "follow", "action", "chase",
    "deal", "handle", "rely", "answer", "pick", "go", "going", "went", "work", "clear",
    "process", "sort", "read", "pull"))  # "I go through every flag", "I pull the risk scores"
NOT_MY_OBJECT = (SUBJECTS - {"i"}) | THIRD_PARTIES | RELATIVES | {"who", "so", "when", "if"}
USE_PURPOSE = frozenset({"to", "for", "i", "and"})  # words after which a use verb's object ends
# The finite verbs that show a clause says what someone else does.
FINITE = frozenset({"is", "are", "was", "were", "has", "have", "had", "will", "would", "can",
                    "could", "does", "do", "did", "should", "may", "might", "must", "wants",
                    "plans", "uses", "bought", "got", "went", "made", "brought"})
# Possessives inside a negated phrase that make it someone else's ("without their own tender").
OTHERS_OWN = frozenset({"their", "his", "her"})
# How far from "mainly" or "most of my week" (knowledge.engines.text.main_marks) the job may
# be named.
MARK_REACH = 15
# Words before "most of my week" that make it look back: "X, which is most of my week".
BEING_BEFORE = frozenset({"is", "was", "which", "that", "takes", "take"})
OWN_TITLE_REACH = 3  # a job title this near the start of a clause names the speaker's job
# Words before "of"/"for"/"in" that make a job title a service someone runs or a subject
# they teach ("head of coding", "lecturer in physiotherapy"), not their frontline work.
# Of them, the teachers: their "of"/"in" names a subject taught or studied, not a service run.
TEACHERS = frozenset({"lecturer", "professor", "reader", "tutor", "teacher", "researcher"})
HEADS = TEACHERS | {"head", "director", "manager", "lead", "leader", "chief", "fellow"}
# Words by which a person says they belong to a group ("I sit on", "I'm a member of").
MEMBERSHIP_REACH = 5  # words after "I" where the membership word may come
MEMBERSHIP = frozenset({"sit", "sits", "serve", "member", "chair", "rep", "representative",
                        "join", "joined", "joining"})
# A group whose business may be a decision ("the group deciding whether we renew it").
GROUPS = frozenset(stem(w) for w in ("group", "board", "panel", "committee", "forum", "team"))
# Verbs of that decision, by stem, said of the group ("the panel that picked the supplier").
DECIDING_STEMS = frozenset(stem(w) for w in ("decide", "choose", "chose", "chosen", "pick",
                                             "select", "recommend"))
DECIDING_REACH = 2  # words from the group to its verb ("the group that picked")
SEAT = 0.6  # a seat on a deciding group counts at this share of deciding: enough to ask
# Verbs whose object is a service the person oversees from outside ("I inspect GP practices",
# "we commission community pharmacies"): the title names whom they oversee, not their own job.
OVERSEEING = frozenset(stem(w) for w in ("inspect", "regulate", "commission", "accredit",
                                           "audit", "visit", "oversee"))
# The endings of an activity named as a noun ("AI deployment", "local validation").
NOUN_ENDINGS = ("ment", "tion", "sion")
# Words after which an "-ing" activity is a topic ("guidance on using AI").
TOPIC_BEFORE = frozenset({"for", "on", "about", "around", "regarding", "into"})
# ... unless a duty: "responsible for validating it", "in charge of deploying".
SETTING_BEFORE = frozenset({"in"})
DUTY_BEFORE = frozenset({"responsible", "accountable", "charge", "time", "paid", "lead", "work",
                         "focus", "focused", "focusing", "years", "involved", "experience",
                         "experienced", "role", "part", "specialise", "specialises",
                         "specialising", "specialised", "specialist", "expert", "active",
                         "engaged", "working", "works", "background", "career", "job",
                         "thinking",  # "thinking about buying" is a plan of one's own
                         # "most of my week goes on commissioning it": time spent doing it
                         "go", "goes", "went", "going", "spent", "spend", "spending", "week",
                         "weeks", "hours"})
# Words that make what follows a point in time, not a claim ("before we use it").
TIMING = frozenset({"before", "until", "once", "after"})
TIMING_STEMS = frozenset(stem(w) for w in TIMING)
# After a negated phrase: words that make the negation a condition ("not live until I sign off").
CONDITIONS = frozenset({"until", "unless", "till"})
# After "before": words saying the tool is about to be used ("before we use it", "before launch").
USE_SOON = frozenset({"use", "using", "live", "launch", "deployment", "rollout", "clinically",
                      "patients", "clinical"})
DEPLOYMENT_CREATORS = 0.1  # a deployment phrase may lean this far towards Creators
# Reported speech: "radiology say it goes live in March" tells what others are doing.
REPORTING = frozenset({"say", "says", "said", "tell", "tells", "told"})
# Words that open a use phrase the person acts on themselves ("use it", "act on the alerts");
# phrases naming a tool ("AI triage", "alerts") say nothing about who uses it.
USE_VERBS = frozenset(stem(w) for w in (
    "use", "using", "just", "only", "act", "review", "check", "read", "look", "edit", "ask",
    "follow", "agree", "see", "rely", "learn", "respond", "accept", "override", "try",
))
# Words before "to" and an employer's name that make it where the person works ("adviser to
# NICE", "seconded to NHS England"), not someone they deal with.
ADVISING = frozenset({"adviser", "advisor", "seconded", "secondment", "consultant", "assessor"})
# Words before a job title that show it names other people ("I report to the CCIO").
_OTHER_PEOPLE_BEFORE = frozenset({
    "to", "with", "by", "alongside", "among", "like", "than", "train", "trains", "training",
    "teach", "teaches", "teaching", "support", "supports", "supporting", "help", "helps",
    "helping", "show", "shows", "showing", "tell", "tells", "ask", "asks", "give", "gives",
    "send", "sends", "advise", "advises", "brief", "briefs", "remind", "refer", "refers",
    "inform", "informs", "email", "call", "contact",
    "about", "regarding",  # "tell me about the NHS Digital Academy": a topic, not a job held
})
# Common uses of "model" that are not about AI.
NOT_AI = ("i model", "we model", "they model", "model of care", "models of care", "care model",
          "service model", "operating model",
          "business model", "role model", "delivery model", "workforce model", "staffing model",
          "funding model", "payment model", "financial model", "model hospital",
          "economic model", "health economic model", "cost model", "cost-effectiveness model",
          "budget impact model", "markov model", "pricing model", "capacity model",
          "commissioning model", "contracting model", "governance model", "model contract")
# Nouns that "AI" merely describes: in "writing the AI competencies" the thing written is the
# competencies, not an AI, so "write ... AI" must not match there.
ATTRIBUTIVE_NOUNS = frozenset(stem(w) for w in (
    "policy", "policies", "strategy", "guidance", "guideline", "standard", "competency",
    "competencies", "curriculum", "training", "education", "literacy", "skills", "governance",
    "adoption", "regulation", "ethics", "programme", "awareness", "roadmap", "champion",
    "lead", "board", "group", "committee", "course", "module", "teaching", "fellowship",
    "agenda", "vision", "plan", "framework", "assurance", "oversight", "procurement",
    "investment", "funding", "business", "principles", "law", "legislation", "network",
    "community", "forum", "webinar", "conference", "event", "lab", "team", "award",
    "capability", "capabilities", "content", "material", "materials", "resource", "resources",
    "lesson", "lessons", "lecture", "lectures", "session", "sessions", "toolkit", "syllabus",
    "position", "statement", "statements", "report", "reports", "paper", "papers", "article",
    "articles", "briefing", "briefings", "bulletin", "newsletter", "blog", "chapter", "unit",
    "units", "exam", "exams", "question", "questions", "literature", "leaflet", "leaflets",
    "learning", "outcomes", "modules", "degree", "msc", "qualification", "assessment",
    "parts", "part", "elements", "sections", "aspects", "topics", "topic",
))


# --- compiled lexicon --------------------------------------------------------------------------

@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    entries: list[int] = field(default_factory=list)

    def add(self, keys: Sequence[str], value: int) -> None:
        node = self
        for key in keys:
            node = node.children.setdefault(key, _Node())
        if value not in node.entries:
            node.entries.append(value)


@dataclass(frozen=True, eq=False)
class CompiledLexicon:
    """A lexicon indexed for matching: a trie of stemmed phrases (AI terms inside phrases
    replaced by a wildcard), a trie of AI-context terms, and a typo index of the vocabulary.

    Build it once with `compile_lexicon` and reuse it; it holds only a lookup cache as state.
    """

    lexicon: Lexicon
    entries: tuple[LexiconEntry, ...]
    phrases: _Node
    ai_terms: _Node
    not_ai: _Node
    vocabulary: frozenset[str]  # stems of every lexicon word
    fuzzy: FuzzyIndex
    stem_of: dict[str, str]  # vocabulary word -> its stem
    keys: dict[int, tuple[tuple[str, ...], ...]]  # entry index -> its compiled key sequences
    about_ai: frozenset[int]  # entries whose own phrase names AI ("train a model")
    # AI terms that are activities in their own right ("local validation"): AI in view, but
    # never the object of another phrase ("leading the local validation" is not "lead AI").
    activity_terms: frozenset[tuple[str, ...]]
    word_keys: dict[str, _WordKeys]  # lookup cache
    # Stems of the job titles of one word ("pharmacist", "physio"): in the plural, other people
    # of that job ("guidance on pharmacists using AI").
    role_heads: frozenset[str] = frozenset()
    monitoring: int | None = None  # the entry for monitoring a tool's performance
    output_use: int | None = None  # the entry for using a tool (working on what it puts out)
    error_reports: int | None = None  # the entry for passing on what a tool gets wrong
    supplier: int | None = None  # the entry for working at a firm that makes AI
    go_live: int | None = None  # the entry for the time before a tool goes live
    validation: int | None = None  # the entry for testing a tool where it will be used
    deciding: int | None = None  # the entry for deciding what a service adopts
    commission_services: int | None = None  # the entry for buying a service
    commission_system: int | None = None  # the entry for testing a tool before use
    editing: int | None = None  # the entry for correcting what a tool drafts


def compile_lexicon(lexicon: Lexicon) -> CompiledLexicon:
    """Index a lexicon for fast, typo-tolerant, longest-first matching."""
    ai_terms = _Node()
    words: set[str] = set()
    for term in lexicon.ai_context:
        toks = [t.text for t in tokenise(term)]
        if toks:
            ai_terms.add([stem(t) for t in toks], 0)
            words.update(toks)
    not_ai = _Node()
    for term in NOT_AI:
        not_ai.add([stem(t.text) for t in tokenise(term)], 0)
    phrases = _Node()
    keys: dict[int, tuple[tuple[str, ...], ...]] = {}
    about_ai: set[int] = set()
    for index, entry in enumerate(lexicon.entries):
        sequences: list[tuple[str, ...]] = []
        for text in (entry.phrase, *entry.variants):
            toks = [t.text for t in tokenise(text)]
            words.update(toks)
            seq = _phrase_keys([stem(t) for t in toks], ai_terms)
            if seq and seq not in sequences:
                sequences.append(seq)
                phrases.add(seq, index)
        keys[index] = tuple(sequences)
        if _names_ai(entry.phrase, ai_terms):
            about_ai.add(index)
    stem_of = {w: stem(w) for w in words}
    # A tool's name that is a Users phrase ("ai scribe", "chatbot") still names the AI that
    # other phrases act on ("chose the ambient voice product"); an activity does not.
    own_phrases = {tuple(stem(t.text) for t in tokenise(text))
                   for e in lexicon.entries for text in (e.phrase, *e.variants)
                   if not _main_weight(e, "users")}
    activity_terms = frozenset(
        seq for seq in (tuple(stem(t.text) for t in tokenise(term)) for term in lexicon.ai_context)
        if seq in own_phrases
    )
    # the entries some reading rules add hits for, by their phrase (the first of each)
    activity: dict[str, int] = {}
    for i, e in enumerate(lexicon.entries):
        if e.kind != "role":
            activity.setdefault(e.phrase, i)
    role_heads = frozenset(
        stem(toks[0].text) for e in lexicon.entries if e.kind == "role" and not e.employer
        for toks in (tokenise(text) for text in (e.phrase, *e.variants)) if len(toks) == 1)
    return CompiledLexicon(
        role_heads=role_heads,
        lexicon=lexicon,
        entries=tuple(lexicon.entries),
        phrases=phrases,
        ai_terms=ai_terms,
        not_ai=not_ai,
        vocabulary=frozenset(stem_of.values()),
        fuzzy=FuzzyIndex.build(words),
        stem_of=stem_of,
        keys=keys,
        about_ai=frozenset(about_ai),
        activity_terms=activity_terms,
        word_keys={},
        monitoring=activity.get(MONITORING),
        output_use=activity.get(OUTPUT_USE),
        error_reports=activity.get(ERROR_REPORTS),
        supplier=activity.get(SUPPLIER),
        go_live=activity.get(GO_LIVE),
        validation=activity.get(LOCAL_VALIDATION),
        deciding=activity.get(DECIDING),
        commission_services=activity.get(COMMISSION_SERVICES),
        commission_system=activity.get(COMMISSION_SYSTEM),
        editing=activity.get(EDITING),
    )


def _names_ai(phrase: str, ai_terms: _Node) -> bool:
    """Whether a phrase contains an AI term, so every variant of it is about AI too."""
    stems = [[stem(t.text)] for t in tokenise(phrase)]
    return any(_longest(ai_terms, stems, i) for i in range(len(stems)))


def _phrase_keys(stems: list[str], ai_terms: _Node) -> tuple[str, ...]:
    """Stems with AI terms folded into one wildcard and optional words dropped. A phrase that
    is nothing but an AI term ("ai scribe") keeps its own words, or it would match any AI."""
    keys: list[str] = []
    i = 0
    while i < len(stems):
        end = _longest(ai_terms, [[s] for s in stems], i)
        if end:
            if not keys or keys[-1] != AI_KEY:
                keys.append(AI_KEY)
            i = end
        else:
            if stems[i] not in OPTIONAL:
                keys.append(stems[i])
            i += 1
    if keys == [AI_KEY]:
        literal = tuple(s for s in stems if s not in OPTIONAL)
        return () if len(literal) == 1 and literal[0] == "ai" else literal
    return tuple(keys)


def _longest(trie: _Node, token_keys: Sequence[Sequence[str]], start: int) -> int:
    """End of the longest exact (no gaps) trie match starting at `start`, or 0."""
    best = 0
    frontier = [(trie, start)]
    while frontier:
        node, pos = frontier.pop()
        if node.entries and pos > start:
            best = max(best, pos)
        if pos < len(token_keys):
            for key in token_keys[pos]:
                child = node.children.get(key)
                if child:
                    frontier.append((child, pos + 1))
    return best


_CACHE: dict[int, tuple[Lexicon, CompiledLexicon]] = {}


def _compiled(lexicon: Lexicon | CompiledLexicon) -> CompiledLexicon:
    """Compile on first use and remember the result, so callers may pass a plain Lexicon."""
    if isinstance(lexicon, CompiledLexicon):
        return lexicon
    hit = _CACHE.get(id(lexicon))
    if hit and hit[0] is lexicon:
        return hit[1]
    compiled = compile_lexicon(lexicon)
    if len(_CACHE) >= 8:
        _CACHE.clear()
    _CACHE[id(lexicon)] = (lexicon, compiled)
    return compiled


# --- matching ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Match:
    entry: int
    start: int  # token index
    end: int  # token index, exclusive
    size: int  # number of phrase keys matched
    covered: int  # tokens the phrase keys themselves cover (an AI term may be several)
    gap: int  # the largest run of spare words inside the match
    has_ai: bool
    spare: tuple[int, ...] = ()  # positions of the spare words inside the match


@dataclass
class _ClauseView:
    """One clause, tokenised, with the keys each token can match and its AI mentions."""

    text: str
    tokens: list[Token]
    keys: list[tuple[str, ...]]  # own stem, then the lexicon words it may be a typo of
    solo: list[tuple[str, ...]]  # the keys safe enough to make a one-word match on their own
    ai_ends: dict[int, int]  # start token index -> end of the AI mention there
    ai_stops: frozenset[int] = frozenset()  # the ends of those mentions
    fillers: frozenset[int] = frozenset()  # mention starts that may stand in for "AI" in a phrase
    ai_said: bool = False  # an AI mention not denied ("we use AI", not "no AI here")
    ai_denied: bool = False  # an AI mention denied ("nothing I use involves AI")
    others: bool = False  # the clause is about someone else's doing ("the ICB is bringing in")
    acting: set[int] = field(default_factory=set)  # where "the CCIO" of "the CCIO chairs" ends
    # The words as meant: a misspelt lexicon word spelt right ("perfomance"), so the rules
    # that read words rather than phrases (_checks_over_time and the like) see it too.
    words: list[str] = field(default_factory=list)


def _read_clause(text: str, lex: CompiledLexicon) -> _ClauseView:
    tokens = tokenise(text)
    read = [_WordKeys((), (), t.text) if _in_a_measure(text, tokens, i)
            else _token_keys(t.text, lex) for i, t in enumerate(tokens)]
    keys = [r.loose for r in read]
    solo = [r.solo for r in read]
    mentions = _ai_mentions(keys, solo, lex)
    denied = [negated(tokens, i, AI_NEGATION_WINDOW) and not _conditional(tokens, end)
              for i, end in mentions.items()]
    fillers = frozenset(i for i, end in mentions.items()
                        if tuple(stem(t.text) for t in tokens[i:end]) not in lex.activity_terms)
    return _ClauseView(text, tokens, keys, solo, mentions, frozenset(mentions.values()), fillers,
                       ai_said=not all(denied), ai_denied=any(denied),
                       others=_about_others(tokens), words=[r.meant for r in read])


def _in_a_measure(text: str, tokens: Sequence[Token], i: int) -> bool:
    """ "12-lead ECG", "24-hour helpline", "7-day service": a word joined to a number
    before it is part of a measure, not a word of its own ("lead" there leads nothing)."""
    if i == 0 or not tokens[i - 1].text.isdigit():
        return False
    return text[tokens[i - 1].end:tokens[i].start] in ("-", "\u2010", "\u2011")


def _conditional(tokens: Sequence[Token], end: int) -> bool:
    """ "nothing AI goes live until I've signed it off": a negation followed by "until" or
    "unless" sets a condition the person controls, not a denial."""
    return any(t.text in CONDITIONS for t in tokens[end:])


def _about_others(tokens: Sequence[Token]) -> bool:
    """True when the clause tells what someone else does, not the speaker: it opens on another
    subject ("the ICB is bringing in ...", "our trust will roll out ...") and the speaker is
    nowhere in it ("the partners have asked me to ..." is about the speaker)."""
    if not tokens or any(t.text in FIRST_PERSON for t in tokens):
        return False
    return tokens[0].text in OTHER_SUBJECTS or any(t.text in REPORTING for t in tokens)


class _WordKeys(NamedTuple):
    """The stems a word can stand for: its own, or the lexicon words it is a typo of. `solo`
    keeps only corrections safe on their own; looser ones need a longer phrase around them to
    count ("machine lerning" yes, "lerning" alone no). `meant` is the word as meant: the one
    lexicon word it is a typo of, or itself."""

    loose: tuple[str, ...]
    solo: tuple[str, ...]
    meant: str


def _token_keys(word: str, lex: CompiledLexicon) -> _WordKeys:
    cached = lex.word_keys.get(word)
    if cached is None:
        cached = _work_out_keys(word, lex)
        if len(lex.word_keys) < 200_000:
            lex.word_keys[word] = cached
    return cached


def _work_out_keys(word: str, lex: CompiledLexicon) -> _WordKeys:
    own = stem(word)
    if own in lex.vocabulary or len(word) < 5:
        return _WordKeys((own,), (own,), word)
    near = [w for w in lex.fuzzy.lookup(word) if w in lex.stem_of]
    loose = tuple(dict.fromkeys([own, *(lex.stem_of[w] for w in near)]))
    solo = tuple(dict.fromkeys([own, *(lex.stem_of[w] for w in near if strict_typo(word, w))]))
    return _WordKeys(loose, solo, near[0] if len(near) == 1 else word)


def _ai_mentions(keys: list[tuple[str, ...]], solo: list[tuple[str, ...]],
                 lex: CompiledLexicon) -> dict[int, int]:
    """Spans of AI-context terms, adjacent ones merged ("deep learning model" is one mention),
    ignoring non-AI uses such as "model of care"."""
    blocked: set[int] = set()
    for i in range(len(keys)):
        if not lex.not_ai.children.keys().isdisjoint(keys[i]):
            blocked.update(range(i, _longest(lex.not_ai, keys, i)))
    mentions: dict[int, int] = {}
    i = 0
    last_start = -1
    while i < len(keys):
        if lex.ai_terms.children.keys().isdisjoint(keys[i]):
            i += 1
            continue
        end = _longest(lex.ai_terms, keys, i)
        if end == i + 1 and not _longest(lex.ai_terms, solo, i):
            end = 0
        if end and not blocked.intersection(range(i, end)):
            if last_start >= 0 and mentions[last_start] == i:
                mentions[last_start] = end
            else:
                mentions[i] = end
                last_start = i
            i = end
        else:
            i += 1
    return mentions


def _find_matches(view: _ClauseView, lex: CompiledLexicon) -> list[_Match]:
    """Every lexicon phrase in the clause, then the longest non-overlapping ones."""
    found: list[_Match] = []
    for start in range(len(view.tokens)):
        for key, nxt, is_ai in _steps(view, lex.phrases, start):
            child = lex.phrases.children[key]
            solo = is_ai or key in view.solo[start]
            _extend(view, lex, child, start, nxt, 1, nxt - start, 0, is_ai, found, solo)
    found = [m for m in found if not _ends_on_attributive_ai(view, m, lex)
             and not _over_a_topic(view, m) and not _skips_a_described_noun(view, m)
             and not _over_a_comma(view, m) and not _a_building(view, m)
             and not _names_a_kind(view, m) and not _opens_on_a_possessive(view, m, lex)
             and not _the_tools_own_making(view, m, lex) and not _a_name_filled_in(view, m, lex)
             and not _a_title_as_a_verb(view, m, lex) and not _a_screen_looked_at(view, m, lex)
             and not _over_a_subject(view, m) and not _inside_a_name(view, m, lex)]
    found = [_commissioning_sense(view, m, lex) for m in found
             if not _someone_else(view, m, lex)]
    found = _drop_stretched(found, view, lex)
    found.sort(key=lambda m: (-m.covered, -m.size, m.start, m.end - m.start, m.entry))
    # An AI term may serve two phrases ("training a model that picks up errors": the model
    # is trained and it picks up), so its tokens are never used up; other words are.
    shared = {p for start, end in view.ai_ends.items() for p in range(start, end)}
    used = bytearray(len(view.tokens))
    chosen: list[_Match] = []
    for m in found:
        # A word of reach a phrase stretched over ("lead the national evaluation") still says
        # how far the work reaches, so it stays free for a phrase of its own.
        own = [p for p in range(m.start, m.end) if p not in shared
               and not (p in m.spare and view.tokens[p].text in SCOPE_WORDS)]
        if not own:  # a phrase that is an AI term itself ("ai scribe") takes it outright
            own = list(range(m.start, m.end))
        if not any(used[p] for p in own):
            for p in own:
                used[p] = 1
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


def _a_building(view: _ClauseView, m: _Match) -> bool:
    """ "for each building", "the building management system": "building" as the noun, a
    place, not the verb of making something (estates staff say it all day)."""
    first = view.tokens[m.start].text
    if first not in ("building", "buildings"):
        return False
    before = view.tokens[m.start - 1].text if m.start else ""
    after = view.tokens[m.start + 1].text if m.start + 1 < len(view.tokens) else ""
    return before in PLACE_BEFORE or after in BUILDING_NOUNS


def _opens_on_a_possessive(view: _ClauseView, m: _Match, lex: CompiledLexicon) -> bool:
    """ "the monitor's automated reading", "the audit's findings": a word written as a
    possessive is a noun, a thing or a person, so an activity that opens on it (monitoring,
    auditing) is not being done there. Job titles and AI terms are nouns anyway."""
    return (lex.entries[m.entry].kind != "role" and m.start not in view.ai_ends
            and _possessive(view, m.start))


def _commissioning_sense(view: _ClauseView, m: _Match, lex: CompiledLexicon) -> _Match:
    """ "commissioning and QA of our deep-learning auto-contouring software" tests a tool
    before it is used (Embedders); "commission AI-supported triage from a community provider"
    buys a service (Drivers). The words after "commission" say which, when they say it."""
    if lex.entries[m.entry].phrase not in (COMMISSIONING, COMMISSION_SYSTEM) \
            or stem(view.tokens[m.start].text) != COMMISSION_STEM:
        return m
    reach = range(m.start + 1, min(len(view.tokens), m.start + 1 + COMMISSION_REACH))
    if any(view.tokens[p].text in SERVICE_WORDS for p in reach):
        target = lex.commission_services
    elif any(view.tokens[p].text in TOOL_NOUNS or p in view.ai_ends for p in reach):
        target = lex.commission_system
    else:
        return m
    return m if target is None else replace(m, entry=target)


def _fixing_a_draft(view: _ClauseView, before: Sequence[Token], m: _Match,
                    lex: CompiledLexicon) -> _Match:
    """ "it drafts the assessment and I fix it", "I'm proofreading what it has typed and fixing
    it": fixing what a tool has just written is correcting its output (Users), not sorting
    out a tool that breaks, unless a breakdown is named."""
    entry = lex.entries[m.entry]
    if entry.phrase != TROUBLESHOOTING or lex.editing is None \
            or stem(view.tokens[m.start].text) != FIX_STEM:
        return m
    near = [t.text for t in (*before, *view.tokens)]
    wrote = any((w in WRITERS or w in TOOL_NOUNS) and stem(after) in DRAFTING
                for w, after in zip(near, near[1:], strict=False))
    broke = any(stem(w) in BREAKING for w in near)
    return replace(m, entry=lex.editing) if wrote and not broke else m


def _a_screen_looked_at(view: _ClauseView, m: _Match, lex: CompiledLexicon) -> bool:
    """ "I look at the alerts on the dashboard", "the numbers in the dashboard": a dashboard
    named as where things are seen is read, not built."""
    if lex.entries[m.entry].phrase != DASHBOARDS or m.end - m.start != 1 or m.start < 2:
        return False
    return (view.tokens[m.start - 1].text in DETERMINERS_AND_ARTICLES
            and view.tokens[m.start - 2].text in ON_A_SCREEN)


def _a_title_as_a_verb(view: _ClauseView, m: _Match, lex: CompiledLexicon) -> bool:
    """ "I've championed and funded the AI early warning system": a title of one word is a
    noun, and its past tense is the person doing something, not holding the job."""
    return (lex.entries[m.entry].kind == "role" and m.end - m.start == 1
            and view.tokens[m.start].text.endswith("ed"))


def _a_name_filled_in(view: _ClauseView, m: _Match, lex: CompiledLexicon) -> bool:
    """ "an ML tool in the lab" is not the NHS AI Lab: a body's name says "AI" in so many
    words, so another AI term cannot stand in for it there."""
    if not (m.has_ai and lex.entries[m.entry].employer):
        return False
    return not any(view.tokens[p].text in ("ai", "artificial") for p in range(m.start, m.end))


def _the_tools_own_making(view: _ClauseView, m: _Match, lex: CompiledLexicon) -> bool:
    """ "I check its forecasts", "a tool that predicts who will miss": a lone word of making
    (predicting, forecasting) that the tool does, after "it", "which" or "that", or that names
    what it puts out ("its"), is the tool at work, not the person creating. "I'm forecasting
    demand" and "we predict" keep it."""
    if m.end - m.start != 1 or m.start == 0 or not _main_weight(lex.entries[m.entry], "creators"):
        return False
    word, before = view.tokens[m.start].text, view.tokens[m.start - 1].text
    if word.endswith("ing"):
        return False  # "the forecasting": the work itself
    return before in TOOL_SUBJECTS


def _names_a_kind(view: _ClauseView, m: _Match) -> bool:
    """ "the AI maintenance scheduler", "our maintenance database": "maintenance" before
    another noun says what kind of thing that is, not that the person maintains anything."""
    if m.end - m.start != 1 or view.tokens[m.start].text != "maintenance" \
            or view.tokens[m.start].comma or m.end >= len(view.tokens):
        return False
    return view.tokens[m.end].text not in FUNCTION_WORDS


def _over_a_comma(view: _ClauseView, m: _Match) -> bool:
    """ "financial systems accountant, built our model": a phrase may not stretch over a comma
    ("system ... build"), which ends one thing said before the next."""
    return any(view.tokens[p].comma for p in range(m.start, m.end - 1))


def _inside_a_name(view: _ClauseView, m: _Match, lex: CompiledLexicon) -> bool:
    """ "GitHub Copilot": a phrase that is only part of a longer AI term, and no AI term
    itself, is part of a tool's name ("github" there is no sign of writing code)."""
    if m.has_ai or not any(s <= m.start and m.end <= e and e - s > m.end - m.start
                           for s, e in view.ai_ends.items()):
        return False
    words = [[stem(t.text)] for t in view.tokens[m.start:m.end]]
    return _longest(lex.ai_terms, words, 0) < len(words)  # "chatbot" in "AI chatbot" is one


def _over_a_subject(view: _ClauseView, m: _Match) -> bool:
    """ "a splice predictor we trained", "make sure the AI has not drifted": a phrase may not
    stretch over a subject ("AI ... training" here) or the "sure" of "make sure", each of
    which starts a clause of its own."""
    return any(view.tokens[p].text in CLAUSE_OPENERS for p in m.spare)


def _over_a_topic(view: _ClauseView, m: _Match) -> bool:
    """ "writing a unit on AI", "talking to patients about AI": a phrase may not stretch over
    a word that makes the AI what something is about; the thing written is the unit."""
    return m.has_ai and any(view.tokens[p].text in TOPIC_BEFORE for p in m.spare)


def _drop_stretched(found: list[_Match], view: _ClauseView,
                    lex: CompiledLexicon) -> list[_Match]:
    """A phrase may stretch over filler words, not over another phrase: in "I review DPIAs for
    every new AI supplier" the DPIA is the point, so "review ... AI" must not swallow it. A
    word saying only how far the work reaches is filler here ("setting up the regional
    programme" is setting up a programme), and so is a job that only says which team is meant
    ("I train the rest of the nursing team on it" trains a team)."""
    covered: set[int] = set()
    for m in found:
        if lex.entries[m.entry].kind == "role" and m.end < len(view.tokens) \
                and view.tokens[m.end].text in GROUP_NOUNS:
            continue
        if _names_a_tool_for(view, m, lex):
            continue
        covered.update(p for p in range(m.start, m.end) if p not in m.spare
                       and view.tokens[p].text not in SCOPE_WORDS)
    return [m for m in found if not covered.intersection(m.spare)]


def _names_a_tool_for(view: _ClauseView, m: _Match, lex: CompiledLexicon) -> bool:
    """ "drafting AI scribe guidance", "the sepsis alert policy": a tool's name just before a
    noun it only describes says which tool the work is about, so a phrase may stretch over it."""
    entry = lex.entries[m.entry]
    return (entry.kind != "role" and _main_weight(entry, "users") and not _acts(entry)
            and m.end < len(view.tokens) and stem(view.tokens[m.end].text) in ATTRIBUTIVE_NOUNS)


def _ends_on_attributive_ai(view: _ClauseView, m: _Match, lex: CompiledLexicon) -> bool:
    """True when the phrase ends on "AI" that only describes the next word ("AI policy")."""
    if not m.has_ai or m.end >= len(view.tokens) or m.end not in view.ai_stops:
        return False
    if all(seq[-1] != AI_KEY for seq in lex.keys[m.entry]):
        return False
    start = max((s for s, e in view.ai_ends.items() if e == m.end), default=m.end)
    if start > 0 and view.tokens[start - 1].text in TOPIC_BEFORE:
        return False  # "teaching on AI ethics" is still teaching about AI
    after = [stem(t.text) for t in view.tokens[m.end:m.end + 4]]
    if after[:1] == ["and"]:  # "the AI and digital capabilities": AI describes them too
        return any(a in ATTRIBUTIVE_NOUNS for a in after[1:])
    return after[0] in ATTRIBUTIVE_NOUNS


def _skips_a_described_noun(view: _ClauseView, m: _Match) -> bool:
    """ "lead the AI skills programme": a phrase whose AI is followed, inside the match, by a
    noun it only describes is about that noun (a skills programme), not about AI."""
    return m.has_ai and any(p in view.ai_stops and stem(view.tokens[p].text) in ATTRIBUTIVE_NOUNS
                            for p in m.spare)


def _someone_else(view: _ClauseView, m: _Match, lex: CompiledLexicon) -> bool:
    """True when a job title names other people, not the speaker: "I report to the CCIO",
    "I work with nurses", "a tool for radiologists" (but "I work for NICE" is an employer)."""
    if lex.entries[m.entry].kind != "role":
        return False
    if _possessive(view, m.end - 1) and not lex.entries[m.entry].employer:
        return True  # "the inspector's admin assistant": the job named is someone else's
    if _the_title_acts(view.tokens, m) and not lex.entries[m.entry].employer:
        view.acting.add(m.end)
        return True
    before = m.start - 1
    while before >= 0 and view.tokens[before].text in OPTIONAL:
        before -= 1
    last = view.tokens[m.end - 1].text
    many = (_plural(last) and not _head_of_a_field(view.tokens, m)
            and stem(last) not in WORKPLACE_STEMS  # "GP practices" are places, not people
            and not _name_ends_in_s(last, lex))  # "IBMS", "NAHS" are bodies' names
    if before < 0:
        return many
    word = view.tokens[before].text
    if lex.entries[m.entry].employer and word == "to" and before > 0 \
            and view.tokens[before - 1].text in ADVISING:
        return False  # "a GP adviser to a NICE team": where the person advises
    if many:  # "when clinicians report", "for radiologists"
        if _one_of(view.tokens, m.start) is not None:
            return False  # "one of the super users": the speaker is one of them
        return word not in {"are", "as", "both"}  # but "we are nurses", "as GPs"
    if word not in OPTIONAL and before >= 2 and view.tokens[before - 1].text in DETERMINERS \
            and view.tokens[before - 2].text in _OTHER_PEOPLE_BEFORE:
        return True  # "with the ward pharmacist": a colleague, named with a word about them
    return word in _OTHER_PEOPLE_BEFORE


def _possessive(view: _ClauseView, index: int) -> bool:
    """Whether the word at `index` is written as a possessive ("consultant's", "trust's")."""
    token = view.tokens[index]
    return unify(view.text[token.start:token.end]).lower().endswith("'s")


def _the_title_acts(tokens: Sequence[Token], m: _Match) -> bool:
    """ "the BMS flags faults", "our CCIO chairs the board", "the BMS alarms": a title after
    "the" or a possessive that then does something, or that describes a thing, is someone
    else or a system, not the speaker's job ("I'm the CCIO" has "I'm" before it)."""
    if m.start == 0 or tokens[m.start - 1].text not in DETERMINERS:
        return False
    if m.start >= 2 and tokens[m.start - 2].text in BEING:
        return False
    after = tokens[m.end].text if m.end < len(tokens) else ""
    return after in THING_NOUNS or after in THIRD_PERSON_VERBS or (
        after.endswith("s") and not after.endswith(("ss", "us", "is")) and len(after) > 3
        and stem(after) in THIRD_PERSON_VERBS)


def _head_of_a_field(tokens: Sequence[Token], m: _Match) -> bool:
    """ "head of estates", "director of operations": the plural names a field, not people."""
    return m.end - m.start >= 3 and tokens[m.end - 2].text in ("of", "for", "and")


def _name_ends_in_s(word: str, lex: CompiledLexicon) -> bool:
    """Whether a word ending in "s" is a name listed so ("ibms", "acgs"), not the plural of a
    listed word ("nurses", "regulators")."""
    return word in lex.stem_of and word[:-1] not in lex.stem_of


def _plural(word: str) -> bool:
    return (word.endswith("s") and not word.endswith(("ss", "us", "is", "ics"))
            and stem(word) != word)


def _steps(view: _ClauseView, node: _Node, pos: int) -> Iterable[tuple[str, int, bool]]:
    """The trie edges the token at `pos` can take: (key, next position, is an AI mention)."""
    for key in view.keys[pos]:
        if key in node.children:
            yield key, pos + 1, False
    if pos in view.fillers and AI_KEY in node.children:
        yield AI_KEY, view.ai_ends[pos], True


def _extend(
    view: _ClauseView, lex: CompiledLexicon, node: _Node, start: int, pos: int,
    size: int, covered: int, gap: int, has_ai: bool, out: list[_Match], solo: bool = True,
    skipped: tuple[int, ...] = (),
) -> None:
    """Depth-first walk of the phrase trie, allowing a few spare words between phrase words
    (more of them before an AI term, which is usually the object of a longer phrase)."""
    for entry in node.entries if size > 1 or solo else ():
        limit = ROLE_GAP if lex.entries[entry].kind == "role" else ACTIVITY_GAP
        if gap <= limit or (has_ai and gap <= AI_GAP and lex.entries[entry].kind != "role"):
            out.append(_Match(entry, start, pos, size, covered, gap, has_ai, skipped))
    if not node.children:
        return
    spare = 0
    for p in range(pos, len(view.tokens)):
        for key, nxt, is_ai in _steps(view, node, p):
            if spare > ACTIVITY_GAP and not is_ai:
                continue
            _extend(view, lex, node.children[key], start, nxt, size + 1, covered + nxt - p,
                    max(gap, spare), has_ai or is_ai, out, True, skipped + tuple(range(pos, p)))
        if not _skippable(view.tokens, p):
            return
        if view.tokens[p].text not in OPTIONAL:
            spare += 1
            if spare > AI_GAP:
                return


def _skippable(tokens: Sequence[Token], p: int) -> bool:
    word = tokens[p].text
    if word == "of":  # "one of these", "some of the", but not "use of AI"
        return p > 0 and tokens[p - 1].text in _QUANTIFIERS
    return word not in GAP_BREAKERS


# --- evidence ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Hit:
    archetype: str
    kind: str
    entry: int
    weight: float  # signed, after AI and negation adjustments
    backed: bool  # positive and about AI: a clear title, or said with AI in view
    quote: str
    phrase: str
    others: bool = False  # from a clause about someone else's doing
    clause: int = -1  # which clause of the text, and the phrase's first token in it
    pos: int = -1
    heads: bool = False  # a title the person manages rather than does ("head of coding")
    overseen: bool = False  # a service the person oversees from outside ("inspect GP practices")
    side: bool = False  # said as an extra part of the work ("I've also been asked to ...")
    mine: bool = False  # "I" is the phrase's subject ("I still report the films")
    aimed: bool = False  # a one-word activity aimed at the tool ("check its plans")
    opener: str = ""  # the stem of the first word the phrase matched ("set", "configur")
    technique: bool = False  # "use" of AI named as a technique, not a tool ("use machine learning")

    def evidence(self) -> Evidence:
        return Evidence(self.archetype, "text", self.phrase, self.quote, self.weight,
                        _reason(self.quote, self.kind))


@dataclass(frozen=True)
class _Reading:
    """What the free text says, before scoring: the evidence and where AI stands in it."""

    hits: list[_Hit]
    ai_said: bool  # AI is mentioned as part of the person's work or plans
    ai_denied: bool  # AI is mentioned only to say there is none ("no AI near me")
    # (clause, token, whether the main work follows) of "most of my week", "mainly"
    marks: tuple[tuple[int, int, bool], ...] = ()
    named: Mapping[str, str] = field(default_factory=dict)  # archetypes named, as answers
    i_use: frozenset[int] = frozenset()  # clauses saying "I use", "I'll use", "I also use"
    i_use_too: bool = False  # ... as a thing of its own ("... and will use it", "with it")
    used: frozenset[tuple[int, int]] = frozenset()  # (clause, token) of phrases one uses


def _text_hits(text: str, lex: CompiledLexicon) -> _Reading:
    """Evidence from the free text, one per (phrase, archetype, clause)."""
    seen: dict[str, tuple[_ClauseView, list[_Match], int | None]] = {}
    last_side: int | None = None
    last_words: list[str] = []
    for clause in split_clauses(text):
        if clause.text not in seen:  # pasted or repeated text: read each clause once
            view = _read_clause(clause.text, lex)
            side = side_from([t.text for t in view.tokens], clause.opener)
            if side is None and last_side is not None and view.tokens \
                    and view.tokens[0].text in CONSEQUENCES:
                side = 0  # "I'm also the trainee rep, so I comment on the draft guidance"
            if last_side == 0 and (sets_the_time(last_words) or clause.opener.endswith("and")) \
                    or last_side is not None and opens_side_time(last_words):
                side = 0  # "on my research days | I'm building a small model", "Alongside
                # that, I built a model | and I retrain it"
            last_side = side
            last_words = [t.text for t in view.tokens]
            matches = _find_matches(view, lex)
            if view.others and (_opens_on_own_title(matches, lex)
                                or (not seen and _introduces_self(view.tokens))):
                view = replace(view, others=False)
            seen[clause.text] = (view, matches, side)
    ai_said = any(view.ai_said for view, _, _ in seen.values())
    hits: list[_Hit] = []
    marks: list[tuple[int, int, bool]] = []
    named: dict[str, str] = {}
    i_use: set[int] = set()
    i_use_too = False
    used: set[tuple[int, int]] = set()
    before: list[Token] = []
    for index, (view, matches, side) in enumerate(seen.values()):
        matches = [_fixing_a_draft(view, before, m, lex) for m in matches]
        uses = _uses_of_mine(view, matches, lex)
        if uses:
            i_use.add(index)
            i_use_too = i_use_too or any(uses.values())
            used.update((index, m.start) for m in matches
                        if any(_object_of_use(view.tokens, verb, m.start) for verb in uses))
        named.update(names_in_clause(view.text, view.tokens, before, proper_only=True))
        before = view.tokens
        for match in matches:
            # "before it went live I also checked ...": the time the clause opens on goes
            # with the work it times
            extra = side is not None and (match.start >= side
                                          or _as_timing(view.tokens, match.start))
            mine = _said_by_me(view.tokens, match.start)
            # "I get its alerts", "I act on what it tells me": what the tool puts out, as the
            # object of the person's own verb
            received = (not mine and bool(lex.entries[match.entry].weights.get("users"))
                        and (_object_of_mine(view.tokens, match.start)
                             or _names_me(view.tokens, match)))
            opener = stem(view.tokens[match.start].text)
            technique = opener == USE_STEM and _uses_a_technique(view, match.start)
            hits.extend(replace(h, clause=index, pos=match.start, side=extra,
                                mine=mine or received and h.archetype == "users", opener=opener,
                                technique=technique)
                        for h in _score_match(view, match, lex, ai_said))
        words = [t.text for t in view.tokens]
        marks.extend((index, pos, _looks_ahead(words, pos)) for pos in main_marks(words))
        if side is None:  # "I also chair the meetings where we use it all day" is side work
            marks.extend((index, pos, False) for pos in day_marks(words))
        names_output = any(h.clause == index and h.archetype == "users" and h.kind != "role"
                           and h.weight > 0 for h in hits)
        checked = [] if uses and not _says_checking(view.tokens) else _checks_over_time(
            view, index, side, lex, ai_said, names_output)  # "I use its numbers weekly"
        if checked:
            hits = _checks_are_monitoring(hits, index)
            hits.extend(checked)
        hits = _checks_as_testing(hits, view, index, lex, ai_said)
        hits.extend(_records_errors(view, index, side, lex, ai_said))
        hits.extend(_decides_as_a_member(view, index, lex, ai_said, hits))
        hits.extend(_works_on_outputs(view, index, side, lex, ai_said, hits))
    views = [view for view, _, _ in seen.values()]
    hits = _organisation_we(_discount_employers(hits, lex), views, lex)
    hits = _national_governance(hits, views, lex)
    hits = _validation_for_use(hits, views, lex)
    hits = _assessing_others_ai(hits, lex)
    hits = _assessing_submissions(hits, views)
    hits = _tools_as_objects(hits, lex)
    hits = _use_as_a_method(hits, lex)
    hits = _titles_need_work(_managers_adopt(_leading_a_maker(hits, lex), lex), lex)
    return _Reading(hits, ai_said, any(view.ai_denied for view in views), tuple(marks), named,
                    frozenset(i_use), i_use_too, frozenset(used))


def _checks_over_time(view: _ClauseView, index: int, side: int | None, lex: CompiledLexicon,
                      ai_said: bool, names_output: bool) -> list[_Hit]:
    """ "once a quarter I pull the recall rates for it", "I chair the monthly review of its
    incidents": looking at a tool's figures at intervals, or asking how well it performs
    ("check how well the bought-in risk tool performs on our own patients"), is monitoring its
    performance (Embedders), whatever verb says it, when the clause names the tool (AI, "it", or its
    flags or alerts beside AI said elsewhere) and is the speaker's own doing. Without AI said
    anywhere it counts as activities do then: a hint."""
    words = view.words
    at = checks_over_time(words)
    if at is None:  # "check how well the risk tool performs on our own patients"
        at = asks_how_well(words)
    entry = lex.monitoring
    if at is None or entry is None or view.others or negated(view.tokens, at):
        return []
    if not (view.ai_said or any(t.text in POINTERS for t in view.tokens)
            or ai_said and names_output):  # "I audit how many of its flags were false alarms"
        return []
    # "once a quarter I also pull ...": the check is the extra part of the clause
    return _rule_hit("embedders", entry, view, index, at, lex, ai_said, side=side is not None)


def _checks_as_testing(hits: list[_Hit], view: _ClauseView, index: int,
                       lex: CompiledLexicon, ai_said: bool) -> list[_Hit]:
    """ "Before it goes live I've been asked to check its predictions against our residents",
    "checking the frames it flags against what our readers found on old cases": checking a
    tool's outputs in a sentence that times the check before the tool is used in earnest, or
    runs it over past cases or work done by hand, is testing it where it will be used
    (Embedders), not reading one output for one case, which counts only in part for Users
    there."""
    if lex.validation is None or view.others:
        return hits
    timed = any(h.entry == lex.go_live and h.weight > 0 and _times_clause(h, index, hits)
                for h in hits)
    past = None if timed else checks_on_past_cases(view.words)
    checks = [h for h in hits if h.clause == index and h.archetype == "users"
              and h.kind != "role" and h.weight > 0 and h.opener in CHECK_STEMS]
    if not (timed and checks) and past is None:
        return hits
    at, side, mine = ((checks[0].pos, checks[0].side, checks[0].mine) if checks
                      else (past, False, _said_by_me(view.tokens, past)))
    return [*_checks_are_monitoring(hits, index),
            *_rule_hit("embedders", lex.validation, view, index, at, lex, ai_said,
                       side=side, mine=mine)]


def _times_clause(timing: _Hit, index: int, hits: Sequence[_Hit]) -> bool:
    """Whether a timing phrase times clause `index`: it is in it, or it opens the clause before
    and is all that clause says ("Before it goes live | I've been asked to check ...")."""
    if timing.clause == index:
        return True
    return timing.clause == index - 1 and timing.pos == 0 and not any(
        h.clause == timing.clause and h.entry != timing.entry and h.weight > 0 for h in hits)


def _says_checking(tokens: Sequence[Token]) -> bool:
    """Whether a clause has a verb of checking or testing ("I use it and check it monthly")."""
    return any(stem(t.text) in CHECK_STEMS for t in tokens)


def _rule_hit(key: str, entry: int, view: _ClauseView, index: int, at: int,
              lex: CompiledLexicon, ai_said: bool, *, side: bool,
              mine: bool = False) -> list[_Hit]:
    """The hit a reading rule (not a lexicon phrase) finds at token `at`: the entry's weight
    for `key`, counted as an activity is, by where AI is mentioned."""
    factor = AI_LOCAL if view.ai_said else AI_ELSEWHERE if ai_said else AI_NONE
    weight = lex.entries[entry].weights.get(key, 0.0) * factor
    return [_Hit(key, "activity", entry, round(weight, 4), factor > AI_NONE,
                 _quote(view, _Match(entry, at, at + 1, 1, 1, 0, False)),
                 lex.entries[entry].phrase, clause=index, pos=at, side=side, mine=mine)]


def _records_errors(view: _ClauseView, index: int, side: int | None, lex: CompiledLexicon,
                    ai_said: bool) -> list[_Hit]:
    """ "I keep a log of the howlers it produces", "I write down where it gets things wrong":
    the speaker recording or passing on a tool's mistakes feeds its monitoring (Embedders),
    whatever words say so, when the clause names the tool (AI, or "it") and is their own
    doing. Without AI said anywhere it counts as activities do then: a hint."""
    words = view.words
    at = records_its_errors(words)
    entry = lex.error_reports
    if at is None or entry is None or view.others or negated(view.tokens, at):
        return []
    if not (ai_said or any(w in POINTERS for w in words)):
        return []  # "I log any contours that are way off", beside AI said before, names it
    if not (any(t.text in FIRST_PERSON for t in view.tokens[:at + 1])
            or all(t.text in SUBJECT_GAP for t in view.tokens[:at])):
        return []  # "... Also report back to the ICB team when it flags the wrong people"
    return _rule_hit("embedders", entry, view, index, at, lex, ai_said,
                     side=side is not None and at >= side, mine=True)


def _works_on_outputs(view: _ClauseView, index: int, side: int | None, lex: CompiledLexicon,
                      ai_said: bool, hits: Sequence[_Hit]) -> list[_Hit]:
    """ "most of my day is going through the pairs it suggests", "I route the ones it can't
    place myself": the speaker working on what a tool puts out is using it (Users), whatever
    verb says so. Not when the clause tells what others do, or is about testing or building
    the tool (an Embedders or Creators activity in the same clause), where the outputs are
    what is tested."""
    at = works_on_outputs(view.words)
    entry = lex.output_use
    if at is None or entry is None or view.others or negated(view.tokens, at):
        return []
    before = view.tokens[:at]
    if not any(t.text in FIRST_PERSON for t in before) and any(
            t.text in SUBJECTS or t.text in THIRD_PARTIES for t in before):
        return []  # someone else's work; a note with no subject ("..., clear its exceptions")
        # is the speaker's
    # the output's own name ("the dashboard it feeds") is what is used, not other work; a
    # note's other duty after a comma ("built our model, clear its exceptions") is apart
    segment = _comma_segment(view.tokens, at)
    if any(h.clause == index and h.kind != "role" and h.weight > 0 and h.pos != at - 1
           and h.archetype in ("embedders", "creators")
           and _comma_segment(view.tokens, h.pos) == segment for h in hits):
        return []
    return _rule_hit("users", entry, view, index, at, lex, ai_said,
                     side=side is not None and at >= side, mine=True)


def _comma_segment(tokens: Sequence[Token], pos: int) -> int:
    """Which comma-separated stretch of a clause token `pos` is in (0 for the first)."""
    return sum(t.comma for t in tokens[:pos])


def _leading_a_maker(hits: list[_Hit], lex: CompiledLexicon) -> list[_Hit]:
    """ "CTO, digital health startup", "clinical director at a startup building a model": a
    leadership title held at a firm that makes AI leads the making of it (Creators), not a
    health or care organisation's adoption of it (Drivers)."""
    makers = [h for h in hits if h.entry == lex.supplier and h.weight > 0 and not h.others]
    if not makers:
        return hits

    def at_a_maker(h: _Hit) -> bool:
        return (h.kind == "role" and h.archetype == "drivers" and h.weight > 0
                and _main_weight(lex.entries[h.entry], "drivers")
                and any(m.clause == h.clause and 0 < m.pos - h.pos <= EMPLOYER_REACH
                        for m in makers))
    return [replace(h, archetype="creators") if at_a_maker(h) else h for h in hits]


def _managers_adopt(hits: list[_Hit], lex: CompiledLexicon) -> list[_Hit]:
    """ "registered manager, I'm introducing an AI care planning system across the home": when
    the person's own job is a manager's (a Drivers title) and nothing they say is hands-on
    implementation work (configuring, testing, training staff, a safety case), bringing a tool
    in, rolling it out or piloting it is their service adopting it, which they lead: those
    phrases count for Drivers, not Embedders."""
    titles = [lex.entries[h.entry] for h in hits if h.kind == "role" and h.weight > 0
              and not lex.entries[h.entry].employer and not h.heads]
    if not titles or not any(_main_weight(e, "drivers") for e in titles) \
            or any(_main_weight(e, "embedders") for e in titles):
        return hits
    embedding = [h for h in hits if h.archetype == "embedders" and h.weight > 0
                 and h.kind != "role" and not h.others]
    if not embedding or not all(_adopting(h, lex) for h in embedding):
        return hits
    return [replace(h, archetype="drivers") if h in embedding else h for h in hits]


def _adopting(hit: _Hit, lex: CompiledLexicon) -> bool:
    """Whether the words found say a tool is brought in (implemented, rolled out, deployed,
    piloted, or leading that: "I'd lead the rollout") rather than how: "I set up the AI
    sensors" and "I configured it" are hands-on, though the lexicon lists them under
    implementing."""
    first = _first_stem(lex.entries[hit.entry].phrase)
    return (hit.opener or first) in ADOPTING or hit.opener in LEADING_STEMS and first in ADOPTING


def _titles_need_work(hits: list[_Hit], lex: CompiledLexicon) -> list[_Hit]:
    """A job title says what the work is, not what the person does with AI: "contracts officer
    at the ICB, I use ChatGPT for emails" holds a commissioning job, and AI, but nothing about
    AI in that job. Unless it is clear about an AI responsibility (a CCIO), a title of leading
    work (Drivers, Shapers) settles its archetype only beside an activity of the same
    archetype; otherwise the archetype is asked about. An employer's name ("information
    specialist at NICE") says where, never what, so it is never clear here."""
    # a share of another archetype's phrase ("set up the AI" leans a little to Drivers) is
    # not leading work of one's own
    work = {h.archetype for h in hits if h.kind != "role" and h.weight > 0 and not h.others
            and _main_weight(lex.entries[h.entry], h.archetype)}
    return [replace(h, backed=False) if h.kind == "role" and h.backed and h.archetype in LEADING
            and (not lex.entries[h.entry].clear or lex.entries[h.entry].employer)
            and h.archetype not in work else h for h in hits]


def _organisation_we(hits: list[_Hit], views: Sequence[_ClauseView],
                     lex: CompiledLexicon) -> list[_Hit]:
    """ "We're rolling out an AI scribe ..., I'm a physio": when the person's own job is a
    frontline one, a clause about what "we" do (with no "I" in it) is the organisation's
    doing, not theirs, and counts only in part for anything but Users. A message that opens
    on a workplace word as part of the person's own title ("pharmacy adviser in ...,
    drafting ...") is the person introducing themselves, not the workplace acting. For a job
    that itself involves checking tools (a title with some Embedders weight: a biomedical
    scientist, not a ward nurse), checking one hands on ("we are validating it before it goes
    live") is the team's own work, which the speaker is part of."""
    titles = [lex.entries[h.entry] for h in hits if h.kind == "role" and h.weight > 0
              and not lex.entries[h.entry].employer]
    if not titles or not all(_main_weight(e, "users") for e in titles):
        return hits
    ours = {i for i, v in enumerate(views) if _workplace_subject([t.text for t in v.tokens])
            and not (i == 0 and v.tokens[0].text != "we" and _introduces_self(v.tokens))}
    checker = any(e.weights.get("embedders", 0) > 0 for e in titles)
    # "I sit on the faculty executive and we are writing its position statement": from the
    # clause where the person says they sit on or belong to a group, "we" is that group
    joined = next((i for i, v in enumerate(views)
                   if _says_membership([t.text for t in v.tokens])), len(views))
    return [replace(h, weight=round(h.weight * OTHERS, 4), backed=False, others=True)
            if h.clause in ours and h.kind != "role" and h.archetype != "users" and h.weight > 0
            and not (checker and _checking(lex.entries[h.entry]))
            and not (h.archetype == "shapers" and h.clause >= joined)
            else h for h in hits]


def _says_membership(words: Sequence[str]) -> bool:
    """ "I sit on", "I'm a member of", "I'm also trainee rep on", "I am on the committee",
    "I was on the panel", "I've been asked to join the board", or a note's "on the group"."""
    if next((w for w in words[:2] if w not in SUBJECT_GAP and w != "and"), None) == "on":
        return True
    for i, w in enumerate(words):
        if w not in FIRST_PERSON:
            continue
        after = [x for x in words[i + 1:i + 1 + MEMBERSHIP_REACH]
                 if x not in SUBJECT_GAP and x not in AUXILIARIES and x not in BEING]
        if any(n in MEMBERSHIP for n in after[:3]) or after[:1] == ["on"]:
            return True
    return False


def _decides_as_a_member(view: _ClauseView, index: int, lex: CompiledLexicon, ai_said: bool,
                         hits: Sequence[_Hit]) -> list[_Hit]:
    """ "I'm on the group deciding if the trust renews the contract", "I was on the panel that
    picked which one we got": a seat on a group whose business is deciding what the service
    adopts is a share in that decision (Drivers), whoever the sentence says will buy: worth
    asking about, not enough to hold on its own. Only with AI said somewhere, never when
    the deciding is denied, and not where the clause's own words already say as much ("the
    procurement panel")."""
    words = [t.text for t in view.tokens]
    if lex.deciding is None or view.others or not ai_said or not _says_membership(words):
        return []
    at = next((k for g, word in enumerate(words) if stem(word) in GROUPS
               for k in range(g + 1, min(len(words), g + 2 + DECIDING_REACH))
               if stem(words[k]) in DECIDING_STEMS and not negated(view.tokens, k)), None)
    if at is None:
        return []
    said = max((h.weight for h in hits if h.clause == index and h.archetype == "drivers"
                and h.kind != "role" and not h.others), default=0.0)
    # a seat beside the job is extra work, not the main one (_main_before_side)
    seat = [replace(h, weight=round(h.weight * SEAT, 4)) for h in _rule_hit(
        "drivers", lex.deciding, view, index, at, lex, ai_said, side=True, mine=True)]
    return [h for h in seat if h.weight > said]


def _checking(entry: LexiconEntry) -> bool:
    return _first_stem(entry.phrase) in CHECKING


def _assessing_others_ai(hits: list[_Hit], lex: CompiledLexicon) -> list[_Hit]:
    """ "MHRA software team, I test and evaluate AI models submitted for approval": at a body
    that regulates, appraises or inspects (a clear Shapers title or employer), testing,
    evaluating or reviewing AI is assessing other people's AI, not building or implementing
    it, so those phrases count for Creators and Embedders only in part (implementing the
    body's own tools still counts). Not when the
    person's own job is a Creators or Embedders one (a data scientist at the MHRA)."""
    regulates = any(h.archetype == "shapers" and h.kind == "role" and h.weight > 0
                    and lex.entries[h.entry].clear and _main_weight(lex.entries[h.entry], "shapers")
                    for h in hits)
    own_titles = [lex.entries[h.entry] for h in hits if h.kind == "role" and h.weight > 0
                  and not lex.entries[h.entry].employer]
    if not regulates or not all(_main_weight(e, "shapers") for e in own_titles):
        return hits
    return [replace(h, weight=round(h.weight * OTHERS, 4), backed=False, others=True)
            if h.archetype in ("creators", "embedders") and h.kind != "role" and h.weight > 0
            and _assessment_work(lex.entries[h.entry]) else h for h in hits]


def _assessing_submissions(hits: list[_Hit], views: Sequence[_ClauseView]) -> list[_Hit]:
    """ "I assess suppliers' submissions against the DTAC, the clinical safety and data
    protection sections": judging what others submit, for a body that sets the bar (a Shapers
    hit elsewhere), names the assurance it checks, not assurance the person does; in that
    clause, Embedders and Drivers phrases count only in part."""
    if not any(h.archetype == "shapers" and h.weight > 0 and not h.others for h in hits):
        return hits
    judged = {i for i, v in enumerate(views) if _judges_submissions([t.text for t in v.tokens])}
    return [replace(h, weight=round(h.weight * OTHERS, 4), backed=False, others=True)
            if h.clause in judged and h.archetype in ("embedders", "drivers")
            and h.kind != "role" and h.weight > 0 else h for h in hits]


def _tools_as_objects(hits: list[_Hit], lex: CompiledLexicon) -> list[_Hit]:
    """ "deciding which online triage tools our practices can buy", "the safety case for the
    AI triage tool": a tool named in a clause about other work (buying it, assuring it) is
    what that work is about, not the person using it; such Users phrases, naming the tool
    rather than doing anything with it, count only in part there."""
    busy = {h.clause for h in hits if h.archetype != "users" and h.weight > 0
            and h.kind != "role" and not h.others and h.backed}
    return [replace(h, weight=round(h.weight * OTHERS, 4), backed=False)
            if h.archetype == "users" and h.kind != "role" and h.weight > 0 and not h.mine
            and h.clause in busy and not _acts(lex.entries[h.entry]) else h for h in hits]


def _checks_are_monitoring(hits: list[_Hit], clause: int) -> list[_Hit]:
    """ "I check it weekly against the meter readings": in a sentence that checks a tool's
    figures over time (_checks_over_time), the checking verb is that monitoring, not reading
    one output for one case, so it counts only in part for Users there."""
    return [replace(h, weight=round(h.weight * OTHERS, 4), backed=False)
            if h.clause == clause and h.archetype == "users" and h.kind != "role"
            and h.opener in CHECK_STEMS else h for h in hits]


def _uses_a_technique(view: _ClauseView, verb: int) -> bool:
    """Whether the use verb at `verb` takes AI itself as its object, a technique ("use machine
    learning to", "using AI, I"), not a tool or what one puts out ("use the AI forecasts"),
    nor a product by name ("I use ChatGPT to help debug my code")."""
    at = verb + 1
    while at < len(view.tokens) and view.tokens[at].text in OPTIONAL:
        at += 1
    end = view.ai_ends.get(at)
    if end is None or not set(t.text for t in view.tokens[at:end]) <= TECHNIQUE_WORDS:
        return False
    return end >= len(view.tokens) or view.tokens[end].text in ("to", "i", "and") \
        or view.tokens[end - 1].comma


def _use_as_a_method(hits: list[_Hit], lex: CompiledLexicon) -> list[_Hit]:
    """ "I use machine learning to predict admissions", "using AI, I built our demand model":
    AI used as a technique, the means of making something, is the making (Creators), not
    working with a tool's outputs, so the use counts only in part there ("I use the AI tool
    to predict who will deteriorate" uses a tool)."""
    making = [(h.clause, h.pos) for h in hits if h.archetype == "creators" and h.weight > 0
              and h.kind != "role" and not h.others
              and _main_weight(lex.entries[h.entry], "creators")]
    if not making:
        return hits

    def as_means(h: _Hit) -> bool:
        return (h.archetype == "users" and h.kind != "role" and h.weight > 0
                and h.technique and any(
                    c == h.clause and 0 < pos - h.pos <= METHOD_REACH
                    or c == h.clause + 1 and pos <= METHOD_REACH  # "using AI, | I built"
                    for c, pos in making))

    return [replace(h, weight=round(h.weight * OTHERS, 4), backed=False, others=True)
            if as_means(h) else h for h in hits]


def _judges_submissions(words: Sequence[str]) -> bool:
    """ "assess suppliers' submissions", "review applications from manufacturers"."""
    return any(stem(w) in ASSESS_VERBS and any(stem(x).startswith(SUBMITTED)
                                               for x in words[i + 1:i + 1 + OBJECT_REACH])
               for i, w in enumerate(words))


def _assessment_work(entry: LexiconEntry) -> bool:
    """Testing, evaluating, validating, researching: the vocabulary Creators and Embedders
    share, or a lighter Creators hint, which a regulator's assessment also uses ("implement
    AI" and "build a model" are not); and the vigilance a regulator runs over what others
    report (incident reports, yellow cards)."""
    creators = entry.weights.get("creators", 0)
    return entry.phrase == VIGILANCE or creators > 0 and (
        entry.weights.get("embedders", 0) > 0 or creators <= ASSESSING)


def _validation_for_use(hits: list[_Hit], views: Sequence[_ClauseView],
                        lex: CompiledLexicon) -> list[_Hit]:
    """ "I validated it against manual counts before go-live": testing a tool in the place
    it will be used is Embedders' work, not building it. When the text puts the work in a
    deployment (a phrase of Embedders' alone, such as go-live, local validation or a pilot,
    or "before we use it"), validation and testing phrases shared by Creators and Embedders
    lose their Creators part."""
    deployed = any(h.weight > 0 and not h.others and _deployment(lex.entries[h.entry])
                   for h in hits) or any(_before_use(v.tokens) for v in views)
    if not deployed:
        return hits
    return [h for h in hits if not (h.archetype == "creators" and h.weight > 0
                                    and h.kind != "role" and _shared_testing(lex.entries[h.entry]))]


def _deployment(entry: LexiconEntry) -> bool:
    """An activity of Embedders' that says nothing of building (go-live, local validation)."""
    return (entry.kind != "role" and _main_weight(entry, "embedders")
            and entry.weights.get("creators", 0) <= DEPLOYMENT_CREATORS)


def _shared_testing(entry: LexiconEntry) -> bool:
    """A testing or validation activity that both Creators and Embedders do."""
    return 0 < entry.weights.get("creators", 0) <= entry.weights.get("embedders", 0)


def _before_use(tokens: Sequence[Token]) -> bool:
    """ "before we started using it", "prior to go-live": a point in time that is the tool's use."""
    words = [t.text for t in tokens]
    return any(w in ("before", "prior") and USE_SOON.intersection(words[i + 1:i + 5])
               for i, w in enumerate(words))


def _workplace_subject(words: Sequence[str]) -> bool:
    """Whether a clause tells what "we" or "our trust" (the workplace) does, the person not
    saying they do it themselves; a question they add ("what should I learn?") is not doing."""
    if not words or not (words[0] == "we" or words[0] in WORKPLACES or (
            len(words) > 1 and words[0] in ("our", "the") and words[1] in WORKPLACES)):
        return False
    asked = next((i for i, w in enumerate(words) if w in QUESTION_STARTS
                  or (w in ("should", "do", "can") and words[i + 1:i + 2] == ["i"])), len(words))
    return not any(w in FIRST_PERSON for w in words[:asked])


def _introduces_self(tokens: Sequence[Token]) -> bool:
    """ "ICB medicines optimisation team, deciding which tool ...": a message that opens on
    an organisation's name with no verb before its first comma is the person saying where
    they work, not telling what the organisation does ("the ICB is buying ...")."""
    head = next((tokens[:i + 1] for i, t in enumerate(tokens) if t.comma), tokens)
    return bool(tokens) and tokens[0].text not in NOT_SELF_OPENERS and not any(
        t.text in FINITE or t.text in REPORTING or (t.text.endswith("ed") and len(t.text) > 4)
        for t in head)


def _opens_on_own_title(matches: Sequence[_Match], lex: CompiledLexicon) -> bool:
    """ "ICB commissioning manager, deciding ...", "NHS England policy lead writing ...": a
    clause that opens on an organisation's name is still about the speaker when a job title
    follows straight after it."""
    return any(m.start <= OWN_TITLE_REACH and lex.entries[m.entry].kind == "role"
               and not lex.entries[m.entry].employer for m in matches)


def _discount_employers(hits: list[_Hit], lex: CompiledLexicon) -> list[_Hit]:
    """Where someone works is not what they do: next to their own job title ("communications
    officer at NHS England"), an employer's name counts only in part and is never clear."""
    if not any(h.kind == "role" and h.weight > 0 and not lex.entries[h.entry].employer
               for h in hits):
        return hits
    discounted = [
        replace(h, weight=round(h.weight * EMPLOYER, 4), backed=False)
        if lex.entries[h.entry].employer and h.weight > 0 else h
        for h in hits
    ]
    return _national_leadership(discounted, lex)


def _national_leadership(hits: list[_Hit], lex: CompiledLexicon) -> list[_Hit]:
    """A leadership title at a body that sets direction for others (a college, a regulator,
    NHS England: "AI lead at the RCR", "regional CCIO for NHS England") leads for the whole
    system: the title counts for Shapers, and for Drivers only in part."""
    employers = [lex.entries[h.entry] for h in hits
                 if lex.entries[h.entry].employer and h.weight > 0 and not h.side]
    # Only when the national body is the only employer named: an ICB director who sits on a
    # national board still leads for the ICB.
    if not employers or not all(_main_weight(e, "shapers") for e in employers):
        return hits
    out = []
    for h in hits:
        if (h.kind == "role" and h.archetype == "drivers" and h.weight > 0
                and not lex.entries[h.entry].employer
                and _main_weight(lex.entries[h.entry], "drivers")):
            out += _for_the_system(h, EMPLOYER)
        else:
            out.append(h)
    return out


def _for_the_system(hit: _Hit, drivers_share: float) -> list[_Hit]:
    """A Drivers hit that leads or governs for the whole system: it counts for Shapers, and for
    Drivers at `drivers_share`."""
    return [replace(hit, archetype="shapers"),
            replace(hit, weight=round(hit.weight * drivers_share, 4))]


def _national_governance(hits: list[_Hit], views: Sequence[_ClauseView],
                         lex: CompiledLexicon) -> list[_Hit]:
    """ "I sit on a royal college AI committee", "I chair the national working group": a seat
    on a committee, board or group of a body that sets direction for others, or of national
    reach, governs for the whole system, so it counts for Shapers, and for Drivers only in part
    (a trust's AI board is a Drivers seat)."""
    national = {h.clause for h in hits if h.kind == "role" and h.weight > 0
                and lex.entries[h.entry].employer and _main_weight(lex.entries[h.entry], "shapers")}
    national |= {i for i, v in enumerate(views) if any(t.text == "national" for t in v.tokens)}
    out = []
    for h in hits:
        if (h.clause in national and h.archetype == "drivers" and h.kind != "role"
                and h.weight > 0 and lex.entries[h.entry].phrase in GOVERNANCE_SEATS):
            out += _for_the_system(h, OTHERS)
        else:
            out.append(h)
    return out


def _score_match(view: _ClauseView, m: _Match, lex: CompiledLexicon,
                 ai_said: bool) -> list[_Hit]:
    entry = lex.entries[m.entry]
    ai_here = m.has_ai or m.entry in lex.about_ai or view.ai_said
    # A lone everyday word ("faults", "testing", "maintenance") is about AI only when AI is
    # in the same sentence, or "it" points back to it ("I also audit its accuracy"); a phrase
    # ("fix it when it breaks") carries over from another sentence.
    lone = (entry.kind != "role" and m.end - m.start == 1 and not m.has_ai
            and not any(t.text in POINTERS for t in view.tokens))
    # An everyday word of someone's own profession ("QA", "testing", "validate") may be
    # about AI or about their usual work; unless AI or "it" follows it, it is a hint worth a
    # question, never enough on its own to settle an archetype other than Users.
    one_word = entry.kind != "role" and m.end - m.start == 1 and not m.has_ai
    aimed = one_word and _points_at_tool(view, m.end)
    everyday = one_word and m.entry not in lex.about_ai and not entry.clear and not aimed
    if entry.kind == "role":
        factor = 1.0
    else:
        factor = AI_LOCAL if ai_here else AI_ELSEWHERE if ai_said and not lone else AI_NONE
    is_negated = negated(view.tokens, m.start) and not _conditional(view.tokens, m.end)
    by_other = entry.kind != "role" and _done_by_others(view, m.start, lex)
    if is_negated and any(t.text in OTHERS_OWN for t in view.tokens[m.start:m.end]):
        return []  # "so trusts can buy without running their own tender": not the speaker
    if is_negated and m.start in view.ai_ends and m.start > 0 \
            and view.tokens[m.start - 1].text in ("no", "without"):
        return []  # "no AI in the curriculum yet": no AI so far, nothing against the work
    topic = entry.kind != "role" and (_as_topic(view.tokens, m.start, m.end)
                                      or _as_timing(view.tokens, m.start)
                                      and not _times_own_check(view.tokens, m, entry))
    heads = (entry.kind == "role" and m.start >= 2
             and view.tokens[m.start - 1].text in ("of", "for", "in")
             and view.tokens[m.start - 2].text in HEADS)
    if heads and view.tokens[m.start - 2].text in TEACHERS and not entry.employer:
        return []  # "lecturer in health informatics": the subject taught, not a second job
    overseen = entry.kind == "role" and _overseen(view.tokens, m.start)
    quote = _quote(view, m)
    hits = []
    for archetype, raw in entry.weights.items():
        if archetype not in ARCHETYPE_KEYS or not raw:
            continue
        weight = raw * factor
        if is_negated:
            # Not using AI today says nothing against being a User: everyone is one in waiting.
            if weight <= 0 or archetype == "users":
                continue
            weight = -weight * NEGATED
        others = (view.others and entry.kind != "role" and archetype != "users"
                  or topic or by_other) and weight > 0
        if others:
            weight *= OTHERS
        ai_ok = (entry.clear or ai_here or ai_said and not lone) and not others
        if everyday and archetype != "users":
            ai_ok = False
        hits.append(_Hit(archetype, entry.kind, m.entry, round(weight, 4), ai_ok and weight > 0,
                         quote, entry.phrase, view.others or topic or by_other,
                         heads=heads or overseen, overseen=overseen, aimed=aimed))
    return hits


def _overseen(tokens: Sequence[Token], start: int) -> bool:
    """Whether a job title is the object of an overseeing verb ("inspect the GP practices")."""
    i = start - 1
    while i >= 0 and tokens[i].text in DETERMINERS_AND_ARTICLES:
        i -= 1
    return i >= 0 and stem(tokens[i].text) in OVERSEEING


def _points_at_tool(view: _ClauseView, end: int) -> bool:
    """Whether an AI term or a word pointing back to a tool ("it", "its") follows within
    OBJECT_REACH words: "validate it", "testing the AI triage"."""
    return any(view.tokens[p].text in POINTERS or p in view.ai_ends
               for p in range(end, min(len(view.tokens), end + OBJECT_REACH)))


def _done_by_others(view: _ClauseView, start: int, lex: CompiledLexicon) -> bool:
    """ "look at how they use AI", "the CCIO chairs the AI board", "the trust has a business
    case for it", "guidance on pharmacists using AI": what someone else does, told by the
    person, is not their own work."""
    i = start - 1
    while i >= 0 and (view.tokens[i].text in SUBJECT_GAP or view.tokens[i].text in AUXILIARIES
                      or view.tokens[i].text in ARTICLES or view.tokens[i].text in MODALS):
        i -= 1
    if i < 0 or view.tokens[i].comma:  # "pharmacist at the ICB, rolling out ...": a note's
        return False  # next duty, not the workplace's doing
    word = view.tokens[i].text
    possessive = _possessive(view, i)  # "the trust's"
    near = {t.text for t in view.tokens[max(0, i - 1):i]}
    workplace = (word in WORKPLACES and bool(near & {"the", "our", "a", "each", "every"})
                 and not possessive)
    # other people doing the work, not a time after them ("checking it against my coders
    # before go-live")
    others = _other_people(view, i, lex) and stem(view.tokens[start].text) not in TIMING_STEMS
    return (others and not _among_them(view, i) and not _helping(view, i)
            or word == "who" and _whose_work(view, i, lex)
            or workplace
            or i + 1 in view.acting or word in RELATIVES and _names_a_thing(view, i)
            or word == "to" and _others_want(view.tokens, i))


def _whose_work(view: _ClauseView, who: int, lex: CompiledLexicon) -> bool:
    """ "is the course aimed at people who write code?": work said of other people in a
    relative clause is theirs, unless the speaker is among them ("one of the people who check
    it") or is the one meant ("I'm the nurse who trains staff on it")."""
    return who > 0 and _other_people(view, who - 1, lex) and not _among_them(view, who - 1)


def _other_people(view: _ClauseView, i: int, lex: CompiledLexicon) -> bool:
    """Whether the word at `i` names people other than the speaker: "they", "staff", "anyone",
    or a job in the plural ("pharmacists"), but not inside a body's name ("the College of
    Radiographers")."""
    word = view.tokens[i].text
    if word in THIRD_PARTIES or word in SOMEONE:
        return True
    return (_plural(word) and stem(word) in lex.role_heads
            and not (i > 0 and view.tokens[i - 1].text == "of"))


def _helping(view: _ClauseView, i: int) -> bool:
    """ "helping the developers design the screens": work the speaker helps others do is
    theirs too."""
    j = i - 1
    while j >= 0 and view.tokens[j].text in DETERMINERS_AND_ARTICLES:
        j -= 1
    return j >= 0 and stem(view.tokens[j].text) in HELPING


def _others_want(tokens: Sequence[Token], to: int) -> bool:
    """Whether the "to" at `to` follows a verb of wanting whose subject is someone else
    ("companies wanting NHS data to train models on")."""
    return any(tokens[j].text in WANTING and j > 0 and tokens[j - 1].text in THIRD_PARTIES
               for j in range(max(0, to - WANTING_REACH), to))


def _among_them(view: _ClauseView, i: int) -> bool:
    """ "I'm one of the people comparing its numbers", "as one of the nurses testing it": the
    others named include the speaker."""
    one = _one_of(view.tokens, i)
    if one is None:
        return False
    before = {t.text for t in view.tokens[max(0, one - 4):one]}
    return bool(before & ONE_OF_US)


def _one_of(tokens: Sequence[Token], i: int) -> int | None:
    """Where "one of (the)" ends just before `i` ("one of the super users", or with a word
    saying whose they are, "one of the team's champions"), the index of "one", or None."""
    j = i - 1
    while j >= 0 and tokens[j].text in OPTIONAL:
        j -= 1
    if j >= 1 and tokens[j].text != "of" and tokens[j - 1].text in DETERMINERS_AND_ARTICLES:
        j -= 1  # "the team('s)": whose they are
        while j >= 0 and tokens[j].text in OPTIONAL:
            j -= 1
    if j < 1 or tokens[j].text != "of" or tokens[j - 1].text != "one":
        return None
    return j - 1


def _names_a_thing(view: _ClauseView, end: int) -> bool:
    """Whether the word just before `end` names a tool, system or firm, or an AI term ends there."""
    return end in view.ai_stops or end > 0 and view.tokens[end - 1].text in TOOL_NOUNS


def _times_own_check(tokens: Sequence[Token], m: _Match, entry: LexiconEntry) -> bool:
    """ "before it went live I checked its calls on old cases": a phrase naming the time
    before use ("before go-live") that times the speaker's own check or test names that
    check as testing for use, not a mere point in time."""
    return (_first_stem(entry.phrase) in TIMING_STEMS and _main_weight(entry, "embedders")
            and any(stem(t.text) in CHECK_STEMS and _said_by_me(tokens, i)
                    for i, t in enumerate(tokens[m.end:], m.end)))


def _as_topic(tokens: Sequence[Token], start: int, end: int) -> bool:
    """ "guidance for using machine learning", "training on deploying AI", "policy on AI
    deployment", "a manikin used in teaching": the activity, as a verb in "-ing" or as a
    noun, is what something is about, or where it is used, not what the person does
    ("involved in building" and "in charge of deploying" are duties)."""
    nominal = tokens[end - 1].text.endswith(NOUN_ENDINGS)
    return (start > 0 and tokens[start - 1].text in TOPIC_BEFORE | SETTING_BEFORE
            and (tokens[start].text.endswith("ing") or nominal)
            and (start < 2 or tokens[start - 2].text not in DUTY_BEFORE))


def _as_timing(tokens: Sequence[Token], start: int) -> bool:
    """ "validate it before we use it", "once AI second reading is rolled out, our team will
    inspect ...": the use, or the rollout, only marks when the work happens."""
    if any(t.text in TIMING for t in tokens[max(0, start - 2):start]):
        return True
    if not tokens or tokens[0].text not in TIMING | {"when"}:
        return False
    # The opening time clause runs until the main clause's subject or a comma.
    end = next((i for i, t in enumerate(tokens[1:], 1)
                if t.text in SUBJECTS or t.text in ("our", "my")
                or tokens[i - 1].comma), len(tokens))
    return start < end


def _quote(view: _ClauseView, m: _Match) -> str:
    """The person's clause, cut to a window around the phrase when it is very long."""
    if len(view.text) <= MAX_QUOTE:
        return view.text
    tokens = view.tokens
    first = tokens[max(0, m.start - 8)].start
    last = tokens[min(len(tokens), m.end + 8) - 1].end
    return view.text[first:last].strip()


def _reason(quote: str, kind: str) -> str:
    """Plain words for the person, echoing what they said back to them."""
    said = to_second_person(quote)
    head = said.split(" ", 1)[0].lower()
    if head in {"you", "your", "you're", "you've", "you'd", "you'll", "yourself"}:
        return f"you said {said[0].lower()}{said[1:]}"
    if kind == "role":
        return f'you described your role as "{quote}"'
    return f'you mentioned "{quote}"'  # a quotation keeps the person's own words


def _answer_hits(
    answers: Mapping[str, str], screening: Mapping[str, Screening]
) -> dict[str, Evidence]:
    """Evidence from screening answers and corrections, one per archetype."""
    out: dict[str, Evidence] = {}
    for key, value in answers.items():
        topic = screening[key].topic
        if value == "no":
            reason = f"you told me you {screening[key].topic_no}"
            weight = -1.0
        elif value == "partly":
            reason, weight = f"you told me you partly {topic}", ANSWER_WEIGHTS[value]
        elif value == "primary":
            reason = f"you told me you're mainly one of the {ARCHETYPE_NAMES[key]}"
            weight = ANSWER_WEIGHTS[value]
        else:
            reason, weight = f"you told me you {topic}", ANSWER_WEIGHTS[value]
        out[key] = Evidence(key, "answer", key, value, weight, reason)
    return out


def _clean_answers(answers: Mapping[str, str] | None) -> dict[str, str]:
    """Keep only known archetypes and answer values; a chatbot slot may hold anything."""
    if not answers:
        return {}
    clean = {}
    for key, value in answers.items():
        k = str(key).strip().lower()
        v = str(value).strip().lower()
        if k in ARCHETYPE_KEYS and v in ANSWERS:
            clean[k] = v
    return clean


# --- scoring -----------------------------------------------------------------------------------

def _noisy_or(weights: Iterable[float]) -> float:
    rest = 1.0
    for w in weights:
        rest *= 1.0 - max(0.0, min(1.0, w))
    return 1.0 - rest


def _best_per_entry(hits: Iterable[_Hit]) -> list[_Hit]:
    """Repeating a phrase adds nothing: keep the heaviest hit per (entry, direction), the one
    said about AI when two weigh the same."""
    best: dict[tuple[int, bool], _Hit] = {}
    for h in hits:
        k = (h.entry, h.weight > 0)
        if k not in best or (abs(h.weight), h.backed) > (abs(best[k].weight), best[k].backed):
            best[k] = h
    return list(best.values())


def _text_score(hits: list[_Hit]) -> float:
    """Titles: the strongest in full, the rest in part. Activities: noisy-OR. Negations: a
    noisy-OR share taken off the result."""
    titles = sorted((h.weight for h in hits if h.kind == "role" and h.weight > 0), reverse=True)
    title = titles[0] + (1 - titles[0]) * _noisy_or(w * EXTRA_TITLE for w in titles[1:]) \
        if titles else 0.0
    acts = _noisy_or(h.weight for h in hits if h.kind != "role" and h.weight > 0)
    against = _noisy_or(-h.weight for h in hits if h.weight < 0)
    return _noisy_or([title, acts]) * (1.0 - against)


@dataclass(frozen=True)
class _Assessment:
    key: str
    score: float
    strong: bool  # strong evidence that the archetype is held
    against: bool  # the text clearly says it is not
    evidence: tuple[Evidence, ...]


def _assess(key: str, hits: list[_Hit], answer: Evidence | None) -> _Assessment:
    hits = _best_per_entry(hits)
    score = _text_score(hits)
    strong = _noisy_or(h.weight for h in hits if h.backed) >= STRONG
    # Said plainly not to hold it, with nothing solid the other way: no need to ask.
    against = not strong and any(h.weight <= -AGAINST for h in hits)
    if answer is not None:
        if answer.quote == "no":
            score, strong, against = 0.0, False, True
        else:
            positives = _text_score([h for h in hits if h.weight > 0])
            score = 1.0 if answer.quote == "primary" else _noisy_or([positives, answer.weight])
            strong, against = True, False
    # the strongest reading of each thing the person said: one clause is one reason
    strongest: dict[str, _Hit] = {}
    for hit in sorted(hits, key=lambda h: (-abs(h.weight), h.quote)):
        strongest.setdefault(hit.quote, hit)
    evidence = tuple(h.evidence() for h in strongest.values())
    if answer is not None:
        evidence = (answer, *evidence)
    return _Assessment(key, round(min(1.0, max(0.0, score)), 4), strong, against,
                       evidence[:MAX_EVIDENCE])


def _next_question(assessed: Mapping[str, _Assessment], answers: Mapping[str, str],
                   priors: Mapping[str, float]) -> str | None:
    """The unanswered, unsettled archetype whose question tells us most.

    "Unsettled" excludes archetypes the text already decides (strong evidence either way).
    Among the rest, prefer the one whose weak evidence sits nearest the fence, nudged by how
    common the archetype is, so Users comes first when nothing is known.
    """
    best: tuple[float, float, int] | None = None
    choice = None
    for order, key in enumerate(ARCHETYPE_KEYS):
        a = assessed[key]
        if key in answers or a.against or (a.strong and a.score >= HOLD):
            continue
        hint = a.score * HINT
        uncertainty = 1.0 - abs(2.0 * hint - 1.0)
        rank = (uncertainty + PRIOR_PULL * priors[key], priors[key], -order)
        if best is None or rank > best:
            best, choice = rank, key
    return choice


# --- entry point -------------------------------------------------------------------------------

def identify(
    text: str,
    answers: Mapping[str, str] | None = None,
    *,
    lexicon: Lexicon | CompiledLexicon,
) -> ArchetypeProfile:
    """Work out which archetypes a person holds from their own description and answers.

    `answers` maps an archetype key to "yes", "no", "partly" or "primary" (screening answers
    and corrections such as "I'm more of a Driver"); unknown keys or values are ignored.
    Never raises on empty or odd text: it returns a not-confident profile with a question.
    """
    lex = _compiled(lexicon)
    reading = _text_hits(text or "", lex)
    # Naming an archetype of oneself ("I'm one of the Embedders") is read as a correction
    # would be; the answers given count over it.
    clean = {**reading.named, **_clean_answers(answers)}
    hits = reading.hits
    answer_evidence = _answer_hits(clean, lex.lexicon.screening)
    priors = {key: s.prior for key, s in lex.lexicon.screening.items()}
    assessed = {
        key: _assess(key, [h for h in hits if h.archetype == key], answer_evidence.get(key))
        for key in ARCHETYPE_KEYS
    }
    if reading.ai_denied and not reading.ai_said:
        # No AI in their work yet: place them by the work they will do. A job whose work is
        # itself leading, building, implementing or shaping (a commissioner, an inspector)
        # says so; weaker hints say nothing about AI responsibilities yet.
        for key, a in assessed.items():
            if key != "users" and key not in clean and not a.strong \
                    and not _work_title(hits, key, lex):
                assessed[key] = replace(a, score=min(a.score, round(HOLD - 0.01, 4)))
    if "users" not in clean:
        assessed["users"] = _place_users(assessed, reading, lex)
    primary = [k for k, v in clean.items() if v == "primary"]
    by_score = sorted(assessed.values(), key=lambda a: (-a.score, -priors[a.key]))
    held = [a.key for a in by_score if a.score >= HOLD]
    marked = _marked_main(reading, held) if not primary and len(held) > 1 else None
    held = _order_held(held, primary or ([marked] if marked else []), assessed)
    if not primary and not marked:
        held = _main_before_side(held, reading)
    _fit_scores(assessed, held)
    ranked = sorted(assessed.values(), key=lambda a: (
        -a.score, held.index(a.key) if a.key in held else len(held), -priors[a.key]))
    question = _next_question(assessed, clean, priors)
    confident = bool(primary) or question is None or any(assessed[k].strong for k in held)
    if confident and not primary:
        # Settled on one archetype, but the text hints at another it has not settled: ask
        # about that one, so a second archetype is not missed.
        second = _second_question(assessed, clean, held, reading, lex)
        confident = second is None
        question = second or question
    if clean.get("users") == "no" and not held and _only_frontline(hits, lex):
        # a frontline job with no AI in it now or soon: unsure, but nothing is worth asking
        confident, question = False, None
    return ArchetypeProfile(
        ranked=tuple(
            ArchetypeScore(a.key, ARCHETYPE_NAMES[a.key], a.score, a.evidence) for a in ranked
        ),
        archetypes=tuple(held),
        confident=confident,
        next_question=None if confident else question,
        staff_group=_staff_group(hits, lex),
    )


def duties_named(text: str, *, lexicon: Lexicon | CompiledLexicon) -> dict[str, bool]:
    """The archetypes whose work a short text names, and whether it says the person does it
    (False where it denies it): "I also build models" names Creators' work, "I no longer lead
    the adoption" denies Drivers'. The work is read as in a role description, with the lexicon's
    activities (not job titles) and its negation; each phrase counts for the archetype it
    mainly points to. A use verb names Users' work even without AI in view, for a correction
    speaks of the tool already discussed ("no, I don't use it myself")."""
    lex = _compiled(lexicon)
    strongest: dict[str, float] = {}
    for h in _text_hits(text, lex).hits:
        if h.kind != "role" and _main_weight(lex.entries[h.entry], h.archetype) \
                and abs(h.weight) > abs(strongest.get(h.archetype, 0.0)):
            strongest[h.archetype] = h.weight
    tokens = tokenise(text)
    uses = [i for i, t in enumerate(tokens) if _says_use(t)]
    if uses and "users" not in strongest:
        strongest["users"] = -1.0 if negated(tokens, uses[0]) else 1.0
    return {key: weight > 0 for key, weight in strongest.items() if weight}


def _says_use(token: Token) -> bool:
    """ "use", "uses", "using", "used": the verb both a description and a correction read as
    Users' work."""
    return stem(token.text) == "use"


def _work_title(hits: Iterable[_Hit], key: str, lex: CompiledLexicon) -> bool:
    """Whether the person's own job title alone holds `key` (its main weight, not negated)."""
    return any(h.archetype == key and h.kind == "role" and h.weight >= WORK_TITLE
               and not lex.entries[h.entry].employer and _main_weight(lex.entries[h.entry], key)
               for h in hits)


def _marked_main(reading: _Reading, held: list[str]) -> str | None:
    """The held archetype the person marks as their main work: the phrase just after "mainly"
    or "most of my week goes on" (in the next clause when the mark ends its own), or just
    before "which is most of my week" (else the nearest after it)."""
    picks: list[_Hit] = []
    for clause, at, ahead in reading.marks:
        near = [h for h in reading.hits if h.clause == clause and h.archetype in held
                and h.weight > 0 and not h.others and abs(h.pos - at) <= MARK_REACH]
        before = max((h for h in near if h.pos < at), key=lambda h: (h.pos, h.weight),
                     default=None)
        after = min((h for h in near if h.pos > at), key=lambda h: (h.pos, -h.weight),
                    default=None)
        if (ahead or at == 0) and not any(h.clause == clause and (h.pos > at or not ahead)
                                          for h in reading.hits):
            # "Most of my week, | I'm out helping trusts ...": the mark ends its clause
            after = min((h for h in reading.hits if h.clause == clause + 1
                         and h.archetype in held and h.weight > 0 and not h.others
                         and h.pos <= MARK_REACH), key=lambda h: (h.pos, -h.weight),
                        default=None)
        pick = after if ahead else (before or after)
        if pick is not None:
            picks.append(pick)
    # "Mainly I'm still a secretary" names the job itself, and outranks "mostly testing".
    pick = next((h for h in picks if h.kind == "role"), picks[0] if picks else None)
    return pick.archetype if pick else None


def _looks_ahead(words: Sequence[str], at: int) -> bool:
    """Whether the main work follows the mark: "mainly X", "most of my week goes on X", but
    not "X, which is most of my week"."""
    return not (words[at:at + 2] == ["most", "of"] and at > 0 and words[at - 1] in BEING_BEFORE)


def _open_hints(assessed: Mapping[str, _Assessment], answers: Mapping[str, str],
                held: list[str], reading: _Reading, lex: CompiledLexicon) -> list[str]:
    """Archetypes other than Users with a specific hint in the person's own words (a job title,
    a phrase of two or more words, or a lone word said with AI in view, but not a lone verb
    such as "pilot" without it, pointing mainly to that archetype) that neither the text nor
    an answer settles, and archetypes held on such hints alone beside one that is settled
    ("I do the QA" next to "the AI flags fractures for me"). When the person has no AI in
    their work yet, a job alone says nothing about AI responsibilities, but work they describe
    as theirs ("I'm writing the business case for a no-show tool") is what they will do: only
    such phrases count then. Work said in the person's own words that, with their job title,
    nearly holds an archetype is worth the question too. Users beside another archetype is
    settled by _place_users."""
    no_ai_yet = reading.ai_denied and not reading.ai_said
    found = []
    for key, a in assessed.items():
        if key == "users" or key in answers or a.against or a.strong:
            continue
        if key in held and a.score >= HOLD and not no_ai_yet:
            found.append(key)  # held on hints alone, beside a settled archetype: ask
            continue
        own = [h for h in reading.hits if h.archetype == key and h.weight > 0
               and not h.others and (_main_weight(lex.entries[h.entry], key)
                                     or _seat_for_the_system(h, lex))
               and not (no_ai_yet and h.kind == "role")]
        specific = [h.weight for h in own
                    if h.kind == "role" or " " in lex.entries[h.entry].phrase
                    or h.backed]
        # Work the person adds as a responsibility of its own ("and I also audit it") is
        # worth a question even when said in a single word.
        extra = [h.weight for h in own if h.side]
        # Work said in the person's own words and their job title may together nearly hold
        # it ("biomedical scientist ... I do some of the QA"): worth the question too.
        said = [h.weight for h in own if h.kind != "role"]
        titled = [h.weight for h in reading.hits if h.archetype == key and h.kind == "role"
                  and h.weight > 0 and not no_ai_yet]
        if _noisy_or(specific) >= ASK_MORE or _noisy_or(extra) >= SIDE_HINT \
                or (said and _noisy_or(said + titled) >= NEARLY_HELD):
            found.append(key)
    return found


def _seat_for_the_system(hit: _Hit, lex: CompiledLexicon) -> bool:
    """A seat on a national or professional body's committee, counted for Shapers
    (_national_governance) though the seat's own words point mainly to Drivers."""
    return hit.archetype == "shapers" and lex.entries[hit.entry].phrase in GOVERNANCE_SEATS


def _main_weight(entry: LexiconEntry, key: str) -> bool:
    """Whether `key` is what the phrase mainly points to (its heaviest weight)."""
    return entry.weights.get(key, 0) >= max(entry.weights.values())


def _second_question(assessed: Mapping[str, _Assessment], answers: Mapping[str, str],
                     held: list[str], reading: _Reading, lex: CompiledLexicon) -> str | None:
    hints = _open_hints(assessed, answers, held, reading, lex)
    if hints:
        return max(hints, key=lambda k: assessed[k].score)
    return "users" if _use_unsettled(assessed, answers, held, reading, lex) else None


def _use_unsettled(assessed: Mapping[str, _Assessment], answers: Mapping[str, str],
                   held: list[str], reading: _Reading, lex: CompiledLexicon) -> bool:
    """Beside another archetype, a sentence of its own speaks of using a tool ("our team also
    relies on it") without saying the person uses it themselves: worth asking. Not when the
    use is of the person's own work ("I built the model our team relies on")."""
    if "users" in held or "users" in answers or not held or assessed["users"].against:
        return False
    if reading.ai_denied and not reading.ai_said:
        return False
    busy = {h.clause for h in reading.hits if h.archetype in held and h.weight > 0
            and h.kind != "role" and not h.others}
    return any(h.archetype == "users" and h.weight > 0 and h.kind != "role"
               and h.clause not in busy and _acts(lex.entries[h.entry]) for h in reading.hits)


def _acts(entry: LexiconEntry) -> bool:
    """Whether a phrase says what the person does with a tool, rather than naming the tool."""
    return _first_stem(entry.phrase) in USE_VERBS or "user" in entry.phrase


@lru_cache(maxsize=4096)
def _first_stem(phrase: str) -> str:
    first = tokenise(phrase)[:1]
    return stem(first[0].text) if first else ""


def _order_held(held: list[str], primary: list[str],
                assessed: Mapping[str, _Assessment]) -> list[str]:
    """Answers saying "mainly" come first. Otherwise, since everyone is at least a User,
    another archetype held is the person's main one, and Users, being the rest of their
    work, comes after the AI responsibilities they hold beside it."""
    first = [k for k in primary if k in held]
    rest = [k for k in held if k not in first]
    if "users" in rest and len(rest) > 1 and not first:
        rest.sort(key=lambda k: (-assessed[k].score, k == "users"))
        others = [k for k in rest if k != "users"]
        return [others[0], *(k for k in rest if k != others[0])]
    return first + rest


def _main_before_side(held: list[str], reading: _Reading) -> list[str]:
    """When the person marks part of their work as extra ("and also the digital champion",
    "on the side I built", "I'll be doing the testing as well"), an archetype resting on
    those words is not their main one: the first held archetype that does not rest on them
    comes first. It rests on them when its strongest evidence is there and its other evidence
    would not hold it alone."""
    if len(held) < 2 or not any(h.side for h in reading.hits):
        return held

    def extra(key: str) -> bool:
        own = [h for h in reading.hits if h.archetype == key and h.weight > 0
               and (h.kind == "role" or not h.others)]
        side = max((h.weight for h in own if h.side), default=0.0)
        main = [h for h in own if not h.side]
        if key == "users" and any(h.kind == "role" and h.weight >= FRONTLINE and not h.heads
                                  for h in main):
            return False  # a frontline job named first is the main work ("dietitian, and I'm
            # also the superuser")
        return side > max((h.weight for h in main), default=0.0) \
            and _text_score(_best_per_entry(main)) < HOLD

    if not extra(held[0]):
        return held
    main = next((k for k in held if not extra(k)), None)
    return [main, *(k for k in held if k != main)] if main else held


def _fit_scores(assessed: dict[str, _Assessment], held: list[str]) -> None:
    """Keep scores in the held order (none above the archetype before it), so they read in
    the order the archetypes are shown."""
    for before, key in zip(held, held[1:], strict=False):
        cap = assessed[before].score
        if assessed[key].score > cap:
            assessed[key] = replace(assessed[key], score=cap)


def _place_users(assessed: Mapping[str, _Assessment], reading: _Reading,
                 lex: CompiledLexicon) -> _Assessment:
    """Users, decided from the whole picture rather than its own phrases alone.

    - Beside another archetype, the person is also a User when they name a frontline job of
      their own (a clinician who builds models still sees patients) or say they use the tool
      themselves; hints about other people's use are not enough.
    - With no AI in their work yet ("we don't use any AI"), and nothing else settled, they are
      placed by the work they will do: Users.
    """
    users = assessed["users"]
    others = [a for k, a in assessed.items() if k != "users" and a.score >= HOLD]
    own = [h for h in reading.hits if h.archetype == "users" and h.weight > 0 and not h.others]
    frontline = any(h.kind == "role" and h.weight >= FRONTLINE and not h.heads
                    and not lex.entries[h.entry].employer and _only_users(lex.entries[h.entry])
                    for h in own)
    uses = any(h.kind != "role" and lex.entries[h.entry].weights.get("users", 0) >= OWN_USE
               and _acts(lex.entries[h.entry]) for h in own) or _own_clinical_use(own, reading, lex)
    if others:
        if frontline or uses:
            return replace(users, score=max(users.score, HOLD))
        return replace(users, score=min(users.score, round(HOLD - 0.01, 4)))
    if reading.ai_denied and not reading.ai_said and not any(a.strong for a in assessed.values()):
        return replace(users, score=max(users.score, HOLD), strong=True, against=False)
    return users


def _only_frontline(hits: Sequence[_Hit], lex: CompiledLexicon) -> bool:
    """Whether the person named a job and nothing they said for themselves points to anything
    but Users ("hca on a dementia ward"): no title or work of leading, building, implementing
    or shaping."""
    own = [h for h in hits if h.weight > 0 and not h.others]
    return any(h.kind == "role" for h in own) and all(_only_users(lex.entries[h.entry])
                                                      for h in own)


def _only_users(entry: LexiconEntry) -> bool:
    """Whether a title points to Users above all else: a matron or a head of nursing, as much
    a manager as a clinician, is not named a frontline job by the title alone."""
    users = entry.weights.get("users", 0)
    return all(w < users for k, w in entry.weights.items() if k != "users")


def _own_clinical_use(own: Sequence[_Hit], reading: _Reading, lex: CompiledLexicon) -> bool:
    """ "I still report plain films with it", "I triage with it every morning", "I check its
    plans every morning": work done with a tool that the person says they do themselves, in a
    sentence not about their other AI work ("I built the model our team relies on")."""
    busy = {h.clause for h in reading.hits if h.archetype != "users" and h.weight > 0
            and h.kind != "role" and not h.others and (h.clause, h.pos) not in reading.used
            and _main_weight(lex.entries[h.entry], h.archetype)}  # not a checking word's share
    return reading.i_use_too or bool(reading.i_use - busy) or any(
        h.kind != "role" and h.mine and h.clause not in busy
        and (lex.entries[h.entry].weights.get("users", 0) >= OWN_WORK
             or h.aimed and _main_weight(lex.entries[h.entry], "users")) for h in own)


def _works_with_it(view: _ClauseView, verb: int) -> bool:
    """ "I book lists with it", "I'll be setting staffing from it", "I plan my visits off its
    list", "I run the capacity meeting off the AI forecast": a verb of the person's own work
    whose tool, or what the tool puts out, follows it (over its object), so the work is done
    with the tool."""
    tokens = view.tokens
    reach, p = 0, verb + 1
    while p < len(tokens) - 1 and reach < OBJECT_REACH:
        if tokens[p].text in WORKING_FROM and (tokens[p + 1].text in POINTERS
                                               or _names_ai_next(view, p + 1)):
            return True
        reach += tokens[p].text not in OPTIONAL  # "set the weekend staffing off it"
        p += 1
    return False


def _names_ai_next(view: _ClauseView, at: int) -> bool:
    """Whether an AI term starts at `at`, over articles and possessives ("the AI forecast")."""
    while at < len(view.tokens) and view.tokens[at].text in OPTIONAL:
        at += 1
    return at in view.ai_ends


def _before_gap(tokens: Sequence[Token], start: int) -> int:
    """The index of the word before `start`, over adverbs and auxiliaries ("I'll still be
    using": "I"), or -1."""
    i = start - 1
    while i >= 0 and tokens[i].text in SUBJECT_GAP:
        i -= 1
    return i


def _after_and(tokens: Sequence[Token], start: int) -> bool:
    """Whether the words at `start` follow "and", over adverbs and auxiliaries."""
    i = _before_gap(tokens, start)
    return i >= 0 and tokens[i].text == "and"


def _after_which(tokens: Sequence[Token], start: int) -> bool:
    """Whether the words at `start` follow "which I" or "that I" (over adverbs and
    auxiliaries): "a no-show tool, which I'd then use to decide where to overbook" is a use of
    the very thing the clause's other work is about."""
    i = _before_gap(tokens, start)
    return i >= 1 and tokens[i].text == "i" and tokens[i - 1].text in RELATIVES


def _used_for_work(matches: Sequence[_Match], verb: int, lex: CompiledLexicon) -> bool:
    """Whether what follows a use verb is other work it serves ("a dataset that I use to
    train the model"): a phrase after it pointing mainly away from Users."""
    return any(m.start > verb and not _main_weight(lex.entries[m.entry], "users")
               for m in matches)


def _uses_of_mine(view: _ClauseView, matches: Sequence[_Match],
                  lex: CompiledLexicon) -> dict[int, bool]:
    """The words of a clause by which the speaker says they use a tool ("I use", "I book lists
    with it", "which I'd then use", "... and now plan my team's jobs from its alerts" in a note
    with no subject), each with whether the use is said as work of its own ("... and will use
    it", "I code letters with it myself", "which I'd then use", but not "a script that I use to
    train the model")."""
    tokens = view.tokens
    # a note's verbs before any subject is named are the speaker's own
    subject = next((i for i, t in enumerate(tokens) if t.text in SUBJECTS
                    or t.text in THIRD_PARTIES or t.text in RELATIVES
                    or t.text in FIRST_PERSON), len(tokens))
    uses: dict[int, bool] = {}
    for i, t in enumerate(tokens):
        with_it = _works_with_it(view, i)
        which = _after_which(tokens, i)
        if not (_says_use(t) or with_it or which and stem(t.text) in USE_VERBS):
            continue
        if not (_said_by_me(tokens, i) or _using_as_i_work(tokens, i)
                or with_it and i <= subject) or negated(tokens, i):
            continue
        uses[i] = with_it or _after_and(tokens, i) or (
            which and not _used_for_work(matches, i, lex))
    return uses


def _object_of_use(tokens: Sequence[Token], verb: int, start: int) -> bool:
    """Whether the words at `start` name what the use verb at `verb` uses ("I use the trial
    version every morning"), not work it serves ("I use it to train the model") or someone
    else's ("I use the one they piloted")."""
    return verb < start <= verb + OBJECT_SPAN and not any(
        t.text in USE_PURPOSE or t.text in NOT_MY_OBJECT for t in tokens[verb + 1:start])


def _using_as_i_work(tokens: Sequence[Token], at: int) -> bool:
    """ "I'm out doing calls myself using the app's suggestions": "using" as part of work whose
    subject is "I", with no other subject or relative word between."""
    if tokens[at].text != "using":
        return False
    for i in range(at - 1, -1, -1):
        if tokens[i].text == "i":
            return True
        if tokens[i].text in NOT_MY_OBJECT:
            return False
    return False


def _object_of_mine(tokens: Sequence[Token], start: int) -> bool:
    """Whether the words at `start` sit in the object of a verb of receiving or acting on
    something whose subject is "I", with no other subject or relative word between ("I get
    its alerts", "I act on what it tells me", but not "I set it up so the nurses get its
    alerts" or "I appraise AI technologies")."""
    for i in range(start - 1, max(-1, start - OBJECT_SPAN - 1), -1):
        word = tokens[i].text
        if word == "i":
            verb = next((t.text for t in tokens[i + 1:start] if t.text not in SUBJECT_GAP), "")
            return stem(verb) in RECEIVING
        if word == "and" and i + 1 < start and stem(tokens[i + 1].text) in RECEIVING \
                and tokens[0].text == "i":
            return True  # "I look after the AI platform and get its alerts"
        if word in NOT_MY_OBJECT:
            return False
    return False


def _names_me(tokens: Sequence[Token], m: _Match) -> bool:
    """ "the AI sends me jobs", "it pops up on my screen": a phrase that names the speaker as
    the one the tool's output goes to."""
    return any(t.text in ("me", "my") for t in tokens[m.start:m.end])


def _said_by_me(tokens: Sequence[Token], start: int) -> bool:
    """Whether "I" is the subject of the words at `start`, over adverbs and auxiliaries
    ("I still report", "I'll be triaging", "I now check")."""
    i = _before_gap(tokens, start)
    if i >= 0 and tokens[i].text == "and":  # "I'm buying it and will use it": the same "I"
        subject = next((t.text for t in reversed(tokens[:i]) if t.text in SUBJECTS), "")
        return subject == "i"
    return i >= 0 and tokens[i].text == "i"


def _staff_group(hits: Iterable[_Hit], lex: CompiledLexicon) -> str | None:
    """The staff group of the first job title the person gave for themselves: people open on
    their profession ("Band 7 sister on ICU, I'm the super user for ..."), and a title's
    weight says how far it points to an archetype, not which profession it is."""
    titles = [h for h in hits if h.kind == "role" and h.weight > 0 and not h.overseen
              and lex.entries[h.entry].group]
    own = [h for h in titles if not lex.entries[h.entry].employer] or titles
    if not own:
        return None
    return lex.entries[min(own, key=lambda h: (h.clause, h.pos)).entry].group
