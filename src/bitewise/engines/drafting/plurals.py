"""A plural noun's singular, for counting "volcano" and "volcanoes" as one term.

English plurals by their spelling, and the words whose spelling misleads: a word in -s that
is no plural ("news", "series", "physics", "bias"), and singulars in -e that the rules for
"-es" would cut ("caches", "shoes", "movies"). Where a word could be read both ways the
lists keep it apart ("leaves" stays "leave", not "leaf"): two forms of one word counted apart
cost less than two words counted as one ("news" as "new"). Stemmers (Porter, Snowball) cut
"news" to "new" and "this" to "thi", and a dictionary (WordNet) is data we do not ship, so
the rules are here; a word in -s that misleads them belongs in a list below.
"""

from __future__ import annotations

# Words in -s that are no plural, or whose plural is the same word.
_NOT_PLURAL_TEXT = """news series species means always perhaps whereas towards afterwards besides
    sometimes
    nowadays yes thus plus minus its his hers ours yours theirs ourselves yourselves
    themselves bias alias atlas canvas pancreas gas christmas chaos ethos pathos cosmos
    kudos thermos asbestos rhinoceros lens diabetes herpes rabies measles mumps scabies
    caries shingles rickets feces faeces headquarters barracks crossroads gallows innings
    odds premises clothes thanks does goes"""
# Fields and subjects in -ics (not "topics", "clinics", "metrics": plurals of a noun in -ic).
_SUBJECTS_TEXT = """physics mathematics economics econometrics ethics bioethics politics genetics
    genomics linguistics logistics analytics athletics aerobics acoustics aesthetics
    electronics dynamics thermodynamics mechanics biomechanics kinetics pharmacokinetics
    robotics ergonomics pediatrics paediatrics obstetrics geriatrics orthopedics
    orthopaedics orthodontics informatics bioinformatics optics semantics pragmatics
    phonetics phonics forensics gymnastics cybernetics hydraulics aeronautics avionics
    statistics biostatistics therapeutics diagnostics psychometrics hermeneutics"""
# Plurals of words that end in -e, where the rule for -ches, -shes, -xes, -oes, -ies or
# -uses would cut the "e" too ("caches" is no "cach").
_E_SINGULARS_TEXT = """ache headache backache toothache earache heartache stomachache cache niche
    avalanche cliche moustache mustache psyche quiche creche microfiche douche
    shoe horseshoe snowshoe canoe oboe tiptoe floe throe hoe toe foe woe
    axe annexe
    movie cookie calorie zombie rookie prairie brownie hoodie selfie smoothie newbie genie
    goalie necktie freebie goodie veggie pixie sortie hippie junkie auntie birdie techie
    foodie walkie-talkie
    cause clause pause house spouse blouse mouse use abuse excuse fuse muse refuse
    ruse recluse misuse overuse reuse"""
_NOT_PLURAL = frozenset(_NOT_PLURAL_TEXT.split())
_SUBJECTS = frozenset(_SUBJECTS_TEXT.split())
_E_SINGULARS = frozenset(_E_SINGULARS_TEXT.split())
# Plurals that no rule above makes, and plurals of words in -s, -is, -us, -as.
_IRREGULAR = {
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "teeth": "tooth",
    "geese": "goose",
    "mice": "mouse",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "analyses": "analysis",
    "crises": "crisis",
    "diagnoses": "diagnosis",
    "prognoses": "prognosis",
    "hypotheses": "hypothesis",
    "theses": "thesis",
    "syntheses": "synthesis",
    "parentheses": "parenthesis",
    "emphases": "emphasis",
    "synopses": "synopsis",
    "knives": "knife",
    "lives": "life",
    "wives": "wife",
    "halves": "half",
    "shelves": "shelf",
    "wolves": "wolf",
    "thieves": "thief",
    "calves": "calf",
    "loaves": "loaf",
    "quizzes": "quiz",
    "buses": "bus",
    "busses": "bus",
    "viruses": "virus",
    "bonuses": "bonus",
    "campuses": "campus",
    "censuses": "census",
    "statuses": "status",
    "focuses": "focus",
    "surpluses": "surplus",
    "geniuses": "genius",
    "circuses": "circus",
    "choruses": "chorus",
    "sinuses": "sinus",
    "fetuses": "fetus",
    "syllabuses": "syllabus",
    "consensuses": "consensus",
    "prospectuses": "prospectus",
    "apparatuses": "apparatus",
    "octopuses": "octopus",
    "walruses": "walrus",
    "cactuses": "cactus",
    "menus": "menu",
    "gurus": "guru",
    "emus": "emu",
    "haikus": "haiku",
    "biases": "bias",
    "aliases": "alias",
    "atlases": "atlas",
    "canvases": "canvas",
    "gases": "gas",
    "gasses": "gas",
    "lenses": "lens",
}


def singular(word: str) -> str:
    """``word`` (lower case) made singular where it is a plural: "volcanoes" → "volcano",
    "policies" → "policy", "boxes" → "box", "lessons" → "lesson"; "news", "series",
    "analysis", "physics", "glass" and "bus" are left as they are."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if not word.endswith("s") or len(word) <= 3 or word in _NOT_PLURAL or word in _SUBJECTS:
        return word
    if word[:-1] in _E_SINGULARS:
        return word[:-1]
    if word.endswith(("ss", "us", "is")):  # glass, status, analysis: no plural in -s
        return word
    if len(word) > 4 and word.endswith(("sses", "zzes", "ches", "shes", "xes", "oes")):
        return word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1]
