"""Build src/styrsignal/data/authorities.tsv from the public authority lists.

Run from the repository root: python scripts/build_authorities.py [AUTHORITIES_DIR]
(default ../shared/corpus/authorities).  Compiled public facts (committee codes, regulation
series, diarienummer prefixes, abbreviations) are kept in this script."""
import csv, json, re
from pathlib import Path

import sys

ROOT = Path(__file__).resolve().parent.parent
SRC = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "authorities"
OUT = ROOT / "src" / "styrsignal" / "data" / "authorities.tsv"

rows: dict[str, dict] = {}

def add(name, kind, aliases=(), codes=(), successor=""):
    name = " ".join(name.split())
    r = rows.setdefault(name, {"name": name, "kind": kind, "aliases": [], "codes": [], "successor": ""})
    if kind and not r["kind"]:
        r["kind"] = kind
    for a in aliases:
        a = " ".join(a.split())
        if a and a != name and a not in r["aliases"]:
            r["aliases"].append(a)
    for c in codes:
        if c not in r["codes"]:
            r["codes"].append(c)
    if successor and successor != name:
        r["successor"] = successor
    return r

def normalise_caps(name):
    if name.isupper():
        return name[0] + name[1:].lower()
    return name

# --- government and ministries -------------------------------------------------------
add("Regeringen", "government", ["Sveriges regering", "Regeringen och Regeringskansliet"])
add("Regeringskansliet", "government", ["Government Offices of Sweden"])
FORMER_PREFIX = {  # diarienummer prefixes of former ministries (public fact)
    "Näringsdepartementet": "N", "Miljödepartementet": "M", "Miljö- och energidepartementet": "M",
    "Miljö- och samhällsbyggnadsdepartementet": "M", "Jordbruksdepartementet": "Jo",
    "Landsbygdsdepartementet": "L", "Integrations- och jämställdhetsdepartementet": "IJ",
}
for r in csv.DictReader(open(SRC / "departement.csv", encoding="utf-8")):
    if r["current"] == "n/a":
        continue
    prefix = r["diarie_prefix"] or FORMER_PREFIX.get(r["name"], "")
    add(r["name"], "ministry", codes=[f"dnr:{prefix}"] if prefix else [])
add("Infrastrukturdepartementet", "ministry", codes=["dnr:I"])
add("Kommunikationsdepartementet", "ministry", codes=["dnr:K"])

# --- riksdag -------------------------------------------------------------------------
add("Riksdagen", "riksdag", ["Sveriges riksdag"])
COMMITTEES = {
    "Arbetsmarknadsutskottet": "AU", "Civilutskottet": "CU", "Finansutskottet": "FiU",
    "Försvarsutskottet": "FöU", "Justitieutskottet": "JuU", "Konstitutionsutskottet": "KU",
    "Kulturutskottet": "KrU", "Miljö- och jordbruksutskottet": "MJU", "Näringsutskottet": "NU",
    "Skatteutskottet": "SkU", "Socialförsäkringsutskottet": "SfU", "Socialutskottet": "SoU",
    "Trafikutskottet": "TU", "Utbildningsutskottet": "UbU", "Utrikesutskottet": "UU",
    "Sammansatta utrikes- och försvarsutskottet": "UFöU", "Bostadsutskottet": "BoU",
    "Lagutskottet": "LU", "Jordbruksutskottet": "JoU",
}
for name, code in COMMITTEES.items():
    add(name, "riksdag_committee", [f"Riksdagens {name[0].lower()}{name[1:-2]}"], [f"bet:{code}"])
add("EU-nämnden", "riksdag_committee", ["Riksdagens EU-nämnd"])
RIKSDAG_ALIASES = {"Riksdagens ombudsmän": ["JO", "Justitieombudsmannen"], "Sveriges riksbank": ["Riksbanken"]}
for r in csv.DictReader(open(SRC / "myndigheter_under_riksdagen.csv", encoding="utf-8")):
    name = normalise_caps(r["name"])
    add(name, "riksdag_agency", RIKSDAG_ALIASES.get(name, []))

# --- agencies ------------------------------------------------------------------------
ABBREVIATIONS = {  # abbreviations and names in common use (public fact)
    "Myndigheten för samhällsskydd och beredskap": ["MSB"],
    "Myndigheten för ungdoms- och civilsamhällesfrågor": ["MUCF"],
    "Statens beredning för medicinsk och social utvärdering": ["SBU"],
    "Institutet för arbetsmarknads- och utbildningspolitisk utvärdering": ["IFAU"],
    "Inspektionen för socialförsäkringen": ["ISF"], "Inspektionen för vård och omsorg": ["IVO"],
    "Statistiska centralbyrån": ["SCB"], "Centrala studiestödsnämnden": ["CSN"],
    "Brottsförebyggande rådet": ["Brå"], "Diskrimineringsombudsmannen": ["DO"],
    "Justitiekanslern": ["JK"], "Konkurrensverket": ["KKV"], "Post- och telestyrelsen": ["PTS"],
    "Sveriges meteorologiska och hydrologiska institut": ["SMHI"],
    "Sveriges geologiska undersökning": ["SGU"], "Verket för innovationssystem": ["Vinnova"],
    "Styrelsen för internationellt utvecklingssamarbete": ["Sida"],
    "Forskningsrådet för miljö, areella näringar och samhällsbyggande": ["Formas"],
    "Forskningsrådet för hälsa, arbetsliv och välfärd": ["Forte"],
    "Myndigheten för digital förvaltning": ["Digg"], "Integritetsskyddsmyndigheten": ["IMY"],
    "Tandvårds- och Läkemedelsförmånsverket": ["TLV", "Tandvårds- och läkemedelsförmånsverket"],
    "Universitets- och högskolerådet": ["UHR"], "Universitetskanslersämbetet": ["UKÄ"],
    "Myndigheten för yrkeshögskolan": ["MYH"], "Specialpedagogiska skolmyndigheten": ["SPSM"],
    "Statens institutionsstyrelse": ["SiS"], "Myndigheten för delaktighet": ["MFD"],
    "Havs- och vattenmyndigheten": ["HaV"], "Totalförsvarets forskningsinstitut": ["FOI"],
    "Försvarets radioanstalt": ["FRA"], "Försvarets materielverk": ["FMV"],
    "Statens veterinärmedicinska anstalt": ["SVA"],
    "Folkhälsomyndigheten": ["FoHM", "PHAS"], "Ekonomistyrningsverket": ["ESV"],
    "Allmänna reklamationsnämnden": ["ARN"], "Ekobrottsmyndigheten": ["EBM"],
    "Myndigheten för vård- och omsorgsanalys": ["Vårdanalys"],
    "Myndigheten för tillväxtpolitiska utvärderingar och analyser": ["Tillväxtanalys"],
    "Myndigheten för psykologiskt försvar": ["MPF"], "Kungl. Biblioteket": ["Kungliga biblioteket", "Kungl. biblioteket"],
    "Sveriges lantbruksuniversitet": ["SLU"], "Kungl. Tekniska högskolan": ["KTH"],
    "Delegationen mot segregation": ["Delmos"],
    "Styrelsen för ackreditering och teknisk kontroll": ["Swedac"],
    "Strålsäkerhetsmyndigheten": ["SSM"], "Myndigheten för stöd till trossamfund": ["SST"],
    "Myndigheten för kulturanalys": ["Kulturanalys"], "Polismyndigheten": ["Polisen"],
    "Livsmedelsverket": ["SLV"], "Kemikalieinspektionen": ["KemI"],
    "Rådet för europeiska socialfonden i Sverige": ["Svenska ESF-rådet", "ESF-rådet"],
    "Krisberedskapsmyndigheten": ["KBM"], "Statens räddningsverk": ["SRV"],
    "Myndigheten för arbetsmiljökunskap": ["Mynak"], "Institutet för mänskliga rättigheter": ["MR-institutet"],
    "Arbetsförmedlingen": ["Af", "AF"], "Försäkringskassan": ["FK"],
    "Arvsfondsdelegationen": ["Allmänna arvsfonden", "Arvsfonden"], "Verket för näringslivsutveckling": ["Nutek"],
}
FS_SERIES = {  # agency regulation series (public fact)
    "Arbetsmiljöverket": "AFS", "Boverket": "BFS", "Naturvårdsverket": "NFS",
    "Myndigheten för samhällsskydd och beredskap": "MSBFS", "Socialstyrelsen": "SOSFS",
    "Statens skolverk": "SKOLFS", "Transportstyrelsen": "TSFS", "Finansinspektionen": "FFFS",
    "Kemikalieinspektionen": "KIFS", "Livsmedelsverket": "LIVSFS", "Statens jordbruksverk": "SJVFS",
    "Styrelsen för ackreditering och teknisk kontroll": "STAFS", "Post- och telestyrelsen": "PTSFS",
    "Elsäkerhetsverket": "ELSÄK-FS", "Strålsäkerhetsmyndigheten": "SSMFS", "Migrationsverket": "MIGRFS",
    "Riksarkivet": "RA-FS", "Försäkringskassan": "FKFS", "Skatteverket": "SKVFS", "Lantmäteriet": "LMFS",
    "Havs- och vattenmyndigheten": "HVMFS", "Skogsstyrelsen": "SKSFS", "Statens energimyndighet": "STEMFS",
    "Läkemedelsverket": "LVFS", "Tandvårds- och Läkemedelsförmånsverket": "TLVFS",
    "Universitets- och högskolerådet": "UHRFS", "Statistiska centralbyrån": "SCB-FS",
    "Kriminalvården": "KVFS", "Polismyndigheten": "PMFS", "Centrala studiestödsnämnden": "CSNFS",
    "Inspektionen för arbetslöshetsförsäkringen": "IAFFS", "Konsumentverket": "KOVFS",
    "Statens räddningsverk": "SRVFS", "Krisberedskapsmyndigheten": "KBMFS",
}
DEFINITE = [("verk", "verket"), ("myndighet", "myndigheten"), ("inspektion", "inspektionen"),
            ("styrelse", "styrelsen"), ("råd", "rådet"), ("kommission", "kommissionen"),
            ("nämnd", "nämnden"), ("institut", "institutet")]

def statens_alias(name):
    m = re.fullmatch(r"Statens ([a-zåäö-]+)", name)
    if not m:
        return []
    word = m.group(1)
    for base, definite in DEFINITE:
        if word.endswith(base):
            return [word[0].upper() + word[1:-len(base)] + definite]
    return []

from collections import Counter
EN_COUNT = Counter(" ".join(r["name_en"].split()).rstrip(".") for r in csv.DictReader(open(SRC / "statliga_myndigheter.csv", encoding="utf-8")))
esv = json.load(open(SRC / "source/myndighetsdata_esv.json", encoding="utf-8"))
CURRENT = {r["name"] for r in csv.DictReader(open(SRC / "statliga_myndigheter.csv", encoding="utf-8"))
           if r["in_statskontoret_2025"] == "yes"}
for r in csv.DictReader(open(SRC / "statliga_myndigheter.csv", encoding="utf-8")):
    name = r["name"]
    kind = "court" if "domstol" in name.lower() and name != "Domstolsverket" else "agency"
    if name == "Regeringskansliet":
        continue
    aliases = statens_alias(name) + ABBREVIATIONS.get(name, [])
    english = " ".join(r["name_en"].split()).rstrip(".")
    if english and english not in {"?", name} and EN_COUNT[english] == 1 and not english.isupper():
        aliases.append(english)
    codes = [f"fs:{FS_SERIES[name]}"] if name in FS_SERIES else []
    add(name, kind, aliases, codes)
# former names (ESV) become rows of their own, pointing at the current body; mere spelling
# variants ("Post och telestyrelsen", "Kungliga Tekniska högskolan") become aliases
def norm(n):
    n = n.lower().replace("kungliga", "kungl.").replace(", affärsverk", "").replace("affärsverket ", "")
    return re.sub(r"[^\wåäö]", "", n)

def row_for(name):
    return next((r for r in rows.values() if norm(r["name"]) == norm(name)), None)

for current, info in esv.items():
    old = info.get("old_names") or []
    target = row_for(current)
    if target is None:
        if not old:
            continue  # ESV-only bodies are not listed; they are reached only as successors
        short = info.get("short_name") or ""
        name = current[: -len(short) - 1] if short and current.endswith(" " + short) else current
        target = row_for(name) or add(name, "agency")
    for i, o in enumerate(old):
        o = o.replace("_x000D_", "").strip()
        if not o or (o.isupper() and len(o) <= 6) or re.search(r"\(.*\)|\.$", o):
            continue
        abbrev = [a for a in old[i + 1:i + 2] if a.isupper() and len(a) <= 6]
        if norm(o) == norm(target["name"]):
            add(target["name"], "", [o] + abbrev)
            continue
        existing = row_for(o)
        if existing is not None:
            both_current = existing["name"] in CURRENT and target["name"] in CURRENT  # two bodies, not a renaming
            add(existing["name"], "", abbrev, successor="" if both_current else target["name"])
            continue
        if any(o.lower() == a.lower() for r in rows.values() for a in r["aliases"]):
            continue
        add(o, target["kind"], abbrev, successor=target["name"])
# mergers and renamings the ESV list does not record (public fact); a body split between
# several successors (Högskoleverket, Integrationsverket) keeps none
KNOWN_SUCCESSORS = {
    "Statens folkhälsoinstitut": "Folkhälsomyndigheten", "Smittskyddsinstitutet": "Folkhälsomyndigheten",
    "Verket för näringslivsutveckling": "Tillväxtverket", "Glesbygdsverket": "Tillväxtverket",
    "Institutet för tillväxtpolitiska studier": "Myndigheten för tillväxtpolitiska utvärderingar och analyser",
    "Myndigheten för skolutveckling": "Statens skolverk",
    "Specialpedagogiska institutet": "Specialpedagogiska skolmyndigheten",
    "Banverket": "Trafikverket", "Vägverket": "Trafikverket", "Rikstrafiken": "Trafikverket",
    "Luftfartsstyrelsen": "Transportstyrelsen", "Järnvägsstyrelsen": "Transportstyrelsen",
    "Statens institut för kommunikationsanalys": "Trafikanalys",
    "Krisberedskapsmyndigheten": "Myndigheten för samhällsskydd och beredskap",
    "Statens räddningsverk": "Myndigheten för samhällsskydd och beredskap",
    "Styrelsen för psykologiskt försvar": "Myndigheten för samhällsskydd och beredskap",
    "Handikappombudsmannen": "Diskrimineringsombudsmannen",
    "Ombudsmannen mot etnisk diskriminering": "Diskrimineringsombudsmannen",
    "Ombudsmannen mot diskriminering på grund av sexuell läggning": "Diskrimineringsombudsmannen",
    "Djurskyddsmyndigheten": "Statens jordbruksverk",
    "Statens kärnkraftinspektion": "Strålsäkerhetsmyndigheten",
    "Statens strålskyddsinstitut": "Strålsäkerhetsmyndigheten",
    "Lärarhögskolan i Stockholm": "Stockholms universitet", "Högskolan i Kalmar": "Linnéuniversitetet",
    "Växjö universitet": "Linnéuniversitetet", "Högskolan på Gotland": "Uppsala universitet",
    "Dramatiska institutet": "Stockholms konstnärliga högskola",
    "Teaterhögskolan i Stockholm": "Stockholms konstnärliga högskola",
    "Operahögskolan i Stockholm": "Stockholms konstnärliga högskola",
    "Statens biografbyrå": "Statens medieråd", "Statens medieråd": "Mediemyndigheten",
    "Internationella programkontoret för utbildningsområdet": "Universitets- och högskolerådet",
    "Verket för högskoleservice": "Universitets- och högskolerådet",
}
FORMER_ROWS = [  # former bodies missing from the lists: name, abbreviations, successor
    ("Riksförsäkringsverket", ["RFV"], "Försäkringskassan"),
    ("Premiepensionsmyndigheten", ["PPM"], "Pensionsmyndigheten"),
    ("Jämställdhetsombudsmannen", ["JämO"], "Diskrimineringsombudsmannen"),
    ("Skolöverstyrelsen", ["SÖ"], "Statens skolverk"),
    ("Statens planverk", [], "Boverket"),
    ("Sprängämnesinspektionen", [], "Myndigheten för samhällsskydd och beredskap"),
]
for name, successor in KNOWN_SUCCESSORS.items():
    if name in rows and successor in rows and not rows[name]["successor"] and name not in CURRENT:
        rows[name]["successor"] = successor
for name, abbrev, successor in FORMER_ROWS:
    if name not in rows and successor in rows:
        add(name, "agency", abbrev, successor=successor)
if "Myndigheten för civilt försvar" not in rows:
    add("Myndigheten för civilt försvar", "agency", ["MCF"])
    rows["Myndigheten för samhällsskydd och beredskap"]["successor"] = "Myndigheten för civilt försvar"

# --- courts --------------------------------------------------------------------------
add("Högsta domstolen", "court", ["HD", "Supreme Court of Sweden"])
COURT_FIX = {"Hovrätten för nedre norrland": "Hovrätten för Nedre Norrland",
             "Hovrätten för västra sverige": "Hovrätten för Västra Sverige",
             "Hovrätten för övre norrland": "Hovrätten för Övre Norrland",
             "Hovrätten över skåne och blekinge": "Hovrätten över Skåne och Blekinge",
             "Svea hovrätt o mark o miljö och patent": "Svea hovrätt"}
for line in open(SRC / "source/svensktext_myndigheter.tsv", encoding="utf-8"):
    kind, name, _city = line.rstrip("\n").split("\t")
    if kind != "Domstol" or name in {"Domstolsverket", "Rättshjälpsmyndigheten"}:
        continue
    name = COURT_FIX.get(name, name)
    name = re.sub(r" och (migrations|mark|patent).*$", "", name)
    name = name.replace("Hyres och arrendenämnden", "Hyres- och arrendenämnden").replace("arrendenämnen", "arrendenämnden")
    add(name, "court")
add("Migrationsöverdomstolen", "court"); add("Mark- och miljööverdomstolen", "court")
add("Patent- och marknadsöverdomstolen", "court")

# --- regions and municipalities ------------------------------------------------------
for r in csv.DictReader(open(SRC / "regioner.csv", encoding="utf-8")):
    add(r["region"], "region")
    # the county councils (landsting) became regions in 2019 (Skåne, Västra Götaland and
    # Gotland earlier); their names in both written forms point at the region
    county = r["lan"][:-4]
    county = county[:-1] if r["lan"].endswith("s län") else county
    if r["region"] not in {"Region Skåne", "Västra Götalandsregionen", "Region Gotland"}:
        formers = [f"{r['lan'][:-4]} läns landsting" if r["lan"].endswith("s län") else f"Landstinget {county}",
                   f"Landstinget i {r['lan']}", f"Landstinget i {county}"]
        for former in dict.fromkeys(formers):
            add(former, "region", successor=r["region"])
    # county administrative boards are also called "Länsstyrelsen Skåne", "Länsstyrelsen i Skåne"
    board = f"Länsstyrelsen i {r['lan']}"
    taken = {a.lower() for row in rows.values() for a in [row["name"], *row["aliases"]]}
    if board in rows:
        add(board, "", [a for a in (f"Länsstyrelsen {county}", f"Länsstyrelsen i {county}") if a.lower() not in taken])
CITY_STYLED = {"Stockholms", "Göteborgs", "Malmö", "Helsingborgs", "Västerås", "Borås", "Solna",
               "Sundbybergs", "Lidingö", "Vaxholms", "Landskrona", "Trollhättans", "Mölndals", "Haparanda"}
for r in csv.DictReader(open(SRC / "kommuner.csv", encoding="utf-8")):
    name = r["kommun"]
    stem = name[: -len(" kommun")]
    if stem in CITY_STYLED:
        add(f"{stem} stad", "municipality", [name])
    else:
        add(name, "municipality", [f"{stem} stad"])

# --- EU and others -------------------------------------------------------------------
EU = [
    ("Europeiska unionen", ["European Union", "EU"], []),
    ("Europeiska kommissionen", ["European Commission", "EU-kommissionen"], ["series:COM"]),
    ("Europaparlamentet", ["European Parliament"], []),
    ("Europeiska unionens råd", ["Council of the European Union", "Ministerrådet"], []),
    ("Europeiska rådet", ["European Council"], []),
    ("Europeiska unionens domstol", ["Court of Justice of the European Union", "EU-domstolen"], []),
    ("Europeiska unionens publikationsbyrå", ["Publications Office of the European Union", "OPOCE"], []),
    ("Eurostat", [], []),
    ("Europeiska myndigheten för livsmedelssäkerhet", ["European Food Safety Authority", "EFSA"], []),
    ("Europeiskt centrum för förebyggande och kontroll av sjukdomar",
     ["European Centre for Disease Prevention and Control", "ECDC"], []),
    ("Europeiskt centrum för utveckling av yrkesutbildning",
     ["European Centre for the Development of Vocational Training", "Cedefop"], []),
    ("Europeiska fonden för förbättring av levnads- och arbetsvillkor", ["Eurofound"], []),
    ("Europeiska arbetsmiljöbyrån", ["European Agency for Safety and Health at Work", "EU-OSHA"], []),
    ("Europeiska ekonomiska och sociala kommittén", ["European Economic and Social Committee", "EESK"], []),
    ("Europeiska regionkommittén", ["European Committee of the Regions", "Regionkommittén"], []),
    ("Europeiska centralbanken", ["European Central Bank", "ECB"], []),
    ("Europeiska investeringsbanken", ["European Investment Bank", "EIB"], []),
]
for name, aliases, codes in EU:
    add(name, "eu", aliases, codes)
EU_MORE = [  # further EU institutions and agencies named in Swedish policy text (public fact)
    ("Europeiska ombudsmannen", ["European Ombudsman"]),
    ("Europeiska revisionsrätten", ["European Court of Auditors"]),
    ("Europeiska arbetsmyndigheten", ["European Labour Authority", "ELA"]),
    ("Europeiska utrikestjänsten", ["European External Action Service", "EEAS"]),
    ("Europeiska investeringsfonden", ["European Investment Fund", "EIF"]),
    ("Europeiska institutet för innovation och teknik", ["European Institute of Innovation and Technology", "EIT"]),
    ("Europeiska innovationsrådet", ["European Innovation Council", "EIC"]),
    ("Europeiska byrån för bedrägeribekämpning", ["European Anti-Fraud Office", "OLAF"]),
]
for name, aliases in EU_MORE:
    add(name, "eu", aliases)
add("Europeiska unionens råd", "", ["Rådet för Europeiska unionen", "EU:s ministerråd"])
add("Europeiska gemenskapen", "eu", ["Europeiska gemenskaperna", "EG", "European Community"], successor="Europeiska unionen")
INTERNATIONAL = [  # kind, name, aliases (public fact)
    ("international", "Europarådet", ["Council of Europe"]),
    ("international", "Förenta nationerna", ["FN", "United Nations"]),
    ("international", "Organisationen för ekonomiskt samarbete och utveckling", ["OECD"]),
    ("international", "Internationella arbetsorganisationen", ["International Labour Organization", "ILO"]),
    ("nordic", "Nordiska ministerrådet", ["Nordic Council of Ministers"]),
    ("nordic", "Nordiska rådet", ["Nordic Council"]),
]
for kind, name, aliases in INTERNATIONAL:
    add(name, kind, aliases)
add("Sveriges Kommuner och Regioner", "other", ["SKR"])
add("Sveriges Kommuner och Landsting", "other", ["SKL"], successor="Sveriges Kommuner och Regioner")
# Curated: civil-society umbrella bodies, networks and other frequent actors in Swedish policy
# on social innovation and the social economy.  Membership is a judgement, kept short on purpose:
# trade unions and employer federations are left out unless they speak for the idéburen sector.
OTHERS = [  # kind, name, aliases
    ("civil_society", "Forum – idéburna organisationer med social inriktning",
     ["Forum för idéburna organisationer med social inriktning",
      "Forum idéburna organisationer med social inriktning"]),
    ("civil_society", "Famna",
     ["Famna – riksorganisationen för idéburen välfärd", "Riksorganisationen för idéburen välfärd"]),
    ("civil_society", "Coompanion", ["Coompanion Sverige", "Kooperativ utveckling i Sverige"]),
    ("civil_society", "Skoopi", ["Skoopi – intresseorganisationen för arbetsintegrerande sociala företag"]),
    ("civil_society", "Giva Sverige", []),
    ("civil_society", "Civos", ["Civilsamhällets organisationer i samverkan"]),
    ("civil_society", "Ideell Arena", []),
    ("civil_society", "Fremia", []),
    ("civil_society", "Sveriges Stadsmissioner", []),
    ("civil_society", "Nationellt organ för dialog och samråd mellan regeringen och det civila samhället",
     ["Nationellt organ för dialog och samråd", "NOD"]),
    ("network", "Partsgemensamt forum", []),
    ("network", "Mötesplats Social Innovation", ["MSI"]),
    ("network", "Nationella nätverket för samordningsförbund", ["NNS"]),
    ("network", "Sofisam", []),
    ("other", "Saminvest", ["Saminvest AB"]),
    # national organisations that answer most referrals (remissinstanser) and take part in policy
    ("civil_society", "Landsorganisationen i Sverige", ["LO"]),
    ("civil_society", "Tjänstemännens centralorganisation", ["TCO"]),
    ("civil_society", "Sveriges akademikers centralorganisation", ["Saco", "SACO"]),
    ("civil_society", "Sveriges Lärare", []),
    ("civil_society", "Rädda Barnen", []),
    ("civil_society", "Svenska Röda Korset", ["Röda Korset", "Svenska röda korset"]),
    ("civil_society", "Frälsningsarmén", []),
    ("civil_society", "Scouterna", []),
    ("civil_society", "Riksidrottsförbundet", []),
    ("civil_society", "Funktionsrätt Sverige", []),
    ("civil_society", "Friskolornas riksförbund", []),
    ("civil_society", "Svenska kyrkan", []),
    ("business", "Svenskt Näringsliv", []),
    ("business", "Företagarna", []),
    ("business", "Almega", []),
    # the parties of the Riksdag, by their names (not the tags "(S)", "(KD)" of motions)
    ("other", "Socialdemokraterna", ["Sveriges socialdemokratiska arbetareparti"]),
    ("other", "Moderaterna", ["Moderata samlingspartiet"]),
    ("other", "Sverigedemokraterna", []),
    ("other", "Centerpartiet", []),
    ("other", "Vänsterpartiet", []),
    ("other", "Kristdemokraterna", []),
    ("other", "Liberalerna", []),
    ("other", "Miljöpartiet", ["Miljöpartiet de gröna"]),
]
FORMER_OTHERS = [  # kind, former name, successor
    ("civil_society", "Lärarförbundet", "Sveriges Lärare"), ("civil_society", "Lärarnas Riksförbund", "Sveriges Lärare"),
    ("other", "Folkpartiet liberalerna", "Liberalerna"), ("other", "Folkpartiet", "Liberalerna"),
]
for kind, name, aliases in OTHERS:
    add(name, kind, aliases)
for kind, name, successor in FORMER_OTHERS:
    add(name, kind, successor=successor)

# sanity: no alias may be another row's name, no alias twice
seen = {}
for r in rows.values():
    for a in [r["name"]] + r["aliases"]:
        key = a.lower()
        if key in seen and seen[key] != r["name"]:
            print("CONFLICT", a, seen[key], r["name"])
        seen[key] = r["name"]

with open(OUT, "w", encoding="utf-8") as f:
    f.write("# Swedish public bodies and EU institutions for issuer and actor recognition.\n")
    f.write("# Built from /work/shared/corpus/authorities (Statskontoret, ESV, SCB via civictechsweden/myndighetsdata,\n")
    f.write("# CC0; peterdalle/svensktext) plus compiled public facts: Riksdag committees, court names,\n")
    f.write("# EU bodies, common abbreviations, diarienummer prefixes and regulation series (fs).\n")
    f.write("# kind: government ministry agency court riksdag riksdag_committee riksdag_agency region\n")
    f.write("#       municipality eu international nordic civil_society network business other\n")
    f.write("# aliases: ';'-separated other names and abbreviations; codes: ';'-separated type:value\n")
    f.write("# (dnr = diarienummer prefix, bet = committee code, fs = regulation series, series = document series)\n")
    f.write("name\tkind\taliases\tcodes\tsuccessor\n")
    for r in rows.values():
        f.write("\t".join([r["name"], r["kind"], ";".join(r["aliases"]), ";".join(r["codes"]), r["successor"]]) + "\n")
print(len(rows))
