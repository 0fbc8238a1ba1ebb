"""Actors: names, aliases, inflections, unregistered bodies and roles, on real corpus sentences.

Every corpus case names a file of the shared corpus and a sentence from it.  The test checks that
the sentence is in the file as ``read_path`` reads it, then compares *every* mention found in the
sentence — (as written, actor, role) — with the expected list, so a missed actor, a wrong actor, a
wrong role and a false hit all fail.  Variants the corpus lacks (line breaks and soft hyphens
inside names, other aliases in the same sentence) are made by the tests from real sentences.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest

from styrsignal.analysis.actors import (
    ROLES,
    ActorMatcher,
    ActorMention,
    find_actors,
    summarise,
)
from styrsignal.ingest.authorities import lookup
from styrsignal.ingest.readers import read_path
from styrsignal.text.passages import passages_from

Found = tuple[str, str, str | None]
"""(as written, actor, role)"""


@dataclass(frozen=True)
class Case:
    path: str
    sentence: str
    expected: list[Found] = field(default_factory=list)


def _triples(mentions: list[ActorMention]) -> list[Found]:
    return [(m.surface, m.name, m.role) for m in mentions]


@cache
def _corpus_text(corpus_dir: Path, path: str) -> str:
    file = corpus_dir / path
    if not file.exists():
        pytest.skip(f"shared corpus not found at {corpus_dir} (set STYRSIGNAL_CORPUS)")
    return read_path(file).text


# -- real sentences ------------------------------------------------------------------------------

ARBETSINTEGRERANDE = "text/si_arbetsintegrerande-sociala-foretag-2018__01.txt"
IOP_2018 = "text/si_ideburet-offentligt-partnerskap-2018__01.txt"
SKOLFRAGOR = "pdf/se_prop-2012-13-187_vissa-skolfragor.pdf"
ETABLERING = "pdf/se_prop-2013-14-104_nyanlandas-etablering.pdf"
ARVSFONDEN = "riksdagen/dokumentstatus_json/H603146.json"

NAMES = {  # inflected and genitive forms, abbreviations, aliases, former names
    "genitive": Case(
        "text/si_uppdrag-arbetsintegrerande-sociala-foretag-2016__01.txt",
        "Resultatet av uppdraget och redovisning av hur medlen har använts ska lämnas till Regeringskansliet "
        "(Arbetsmarknadsdepartementet och Näringsdepartementet) i samband med Tillväxtverkets årsredovisning.",
        [("Regeringskansliet", "Regeringskansliet", None),
         ("Arbetsmarknadsdepartementet", "Arbetsmarknadsdepartementet", None),
         ("Näringsdepartementet", "Näringsdepartementet", None),
         ("Tillväxtverkets", "Tillväxtverket", None)]),
    "genitive-definite": Case(
        ETABLERING,
        "Regeringen delar Arbetsförmedlingens uppfattning att promemorians lagtext, när det gäller planernas "
        "omfattning, för tydlighetens skull kan disponeras på ett annat sätt.",
        [("Regeringen", "Regeringen", None), ("Arbetsförmedlingens", "Arbetsförmedlingen", None)]),
    "short-name-genitive": Case(
        SKOLFRAGOR,
        "Skollagens bestämmelse om överklagande av Skolverkets beslut bör därför kompletteras med en sådan "
        "överklagandemöjlighet.",
        [("Skolverkets", "Statens skolverk", None)]),
    "abbreviation-genitive": Case(
        "text/si_sociala-investeringsfonder-civilsamhalle-2018__01.txt",
        "SCB:s satelliträkenskaper som redovisats i avsnitt 3.1.2 ger dock en fingervisning om det bidrag till "
        "BNP som verksamheten i civilsamhällets organisationer ger.",
        [("SCB:s", "Statistiska centralbyrån", None)]),
    "name-and-abbreviation": Case(
        "text/si_ideburet-offentligt-partnerskap-2019__01.txt",
        "Myndigheten för ungdoms- och civilsamhällesfrågor (MUCF) har tagit fram en kunskapsöversikt där några "
        "vanliga frågor om IOP belyses: Idéburet offentligt partnerskap – En kunskapsöversikt (2018).",
        [("Myndigheten för ungdoms- och civilsamhällesfrågor", "Myndigheten för ungdoms- och civilsamhällesfrågor",
          None),
         ("MUCF", "Myndigheten för ungdoms- och civilsamhällesfrågor", None)]),
    "former-abbreviation": Case("text/si_ideburet-offentligt-partnerskap-2019__01.txt", "(Källa: SKL.)",
                                [("SKL", "Sveriges Kommuner och Regioner", None)]),
    "two-letter-abbreviation": Case(SKOLFRAGOR, "DO och Sverigefinska Riksförbundet anser att detta får negativa "
                                    "följder.", [("DO", "Diskrimineringsombudsmannen", None)]),
    "former-name": Case(
        "pdf/se_dir-2016-15_dataskyddsforordningen.pdf",
        "Datainspektionen bemyndigas i förordningen att meddela närmare föreskrifter om bl.a. i vilka fall "
        "behandling av personuppgifter är tillåten och vilka krav som ställs på den personuppgiftsansvarige.",
        [("Datainspektionen", "Integritetsskyddsmyndigheten", None)]),
    "merged-body": Case(
        ETABLERING,
        "Försäkringskassan och Statens folkhälsoinstitut anser att även personer som fått en reducerad "
        "etableringsplan på grund av sjukdom ska kunna få sin etableringsplan förlängd på samma sätt som "
        "föräldralediga.",
        [("Försäkringskassan", "Försäkringskassan", None),
         ("Statens folkhälsoinstitut", "Folkhälsomyndigheten", None)]),
    "name-containing-a-name": Case(
        "text/si_ideburet-offentligt-partnerskap-2019__02.txt",
        "MUCF har tidigare faciliterat denna dialog men sedan årsskiftet 2018/2019 ligger detta uppdrag Nationellt "
        "organ för dialog och samråd mellan regeringen och det civila samhället, NOD.",
        [("MUCF", "Myndigheten för ungdoms- och civilsamhällesfrågor", None),
         ("Nationellt organ för dialog och samråd mellan regeringen och det civila samhället",
          "Nationellt organ för dialog och samråd mellan regeringen och det civila samhället", None),
         ("NOD", "Nationellt organ för dialog och samråd mellan regeringen och det civila samhället", None)]),
    "state-company": Case(
        "text/si_strategi-sociala-foretag-2018__01.txt",
        "Den nya förordningen (2016:1283) om statligt stöd genom nationellt utvecklingsbolag trädde i kraft den "
        "1 januari 2017, och Saminvest AB startade sin verksamhet under 2017.",
        [("Saminvest AB", "Saminvest", None)]),
    "case-sensitive-abbreviation": Case(  # "Sis" (Swedish Standards Institute) is not "SiS"
        ARBETSINTEGRERANDE,
        "Arbetet genomförs med Sis, Swedish Standards Institute, och blir enligt Tillväxtverket en ”Svensk "
        "standard” enligt den modell som Sis arbetar med i andra standardiserings-processer.",
        [("Tillväxtverket", "Tillväxtverket", None)]),
    "broken-by-a-hyphen": Case(
        ETABLERING,
        "Institutet för arbetsmarknads- och utbildnings-politisk utvärdering",
        [("Institutet för arbetsmarknads- och utbildnings-politisk utvärdering",
          "Institutet för arbetsmarknads- och utbildningspolitisk utvärdering", None)]),
    "eu-council-beside-parliament": Case(
        "pdf/se_bfs-2024-12_tillganglighet-nedsatt-rorelseformaga.pdf",
        "1 Se Europaparlamentets och rådets direktiv (EU) 2015/1535 av den 9 september 2015 om ett",
        [("Europaparlamentets", "Europaparlamentet", None), ("rådets", "Europeiska unionens råd", None)]),
    "legal-act-numbers": Case(
        "pdf/se_sfs-2022-1109_andring-arbetsmiljolagen.pdf",
        "Bestämmelser om marknadskontroll finns i Europaparlamentets och rådets förordning (EU) 2019/1020 av den "
        "20 juni 2019 om marknadskontroll och överensstämmelse för produkter och om ändring av direktiv 2004/42/EG "
        "och förordningarna (EG) nr 765/2008 och (EU) nr 305/2011.",
        [("Europaparlamentets", "Europaparlamentet", None), ("rådets", "Europeiska unionens råd", None)]),
    "international-abbreviation": Case(
        "pdf/se_prop-2008-09-5_byggplatsdirektiv.pdf",
        "De nya reglerna står inte i strid med ILO:s konventioner nr 155 och 167, vilket också ILO-kommittén har "
        "konstaterat.",
        [("ILO:s", "Internationella arbetsorganisationen", None), ("ILO-kommittén", "ILO-kommittén", None)]),
    "riksdag-ombudsman": Case(
        "riksdagen/dokumentstatus_json/H70310.json",
        "förs fram eftersom det enligt JO kan finnas en risk",
        [("JO", "Riksdagens ombudsmän", None)]),
    "EU-abbreviation": Case(
        "pdf/se_dir-2016-15_dataskyddsforordningen.pdf",
        "Inom kort förväntas EU besluta om en förordning som utgör en ny generell reglering för "
        "personuppgiftsbehandling inom EU.",
        [("EU", "Europeiska unionen", None), ("EU", "Europeiska unionen", None)]),
    "EU-genitive-among-roles": Case(
        "text/si_uppdrag-arbetsintegrerande-sociala-foretag-2016__01.txt",
        "Regeringen uppdrar åt Tillväxtverket att i samråd med Arbetsförmedlingen, och inom ramen för EU:s "
        "statsstödsregelverk, utarbeta och genomföra ett tvärsektoriellt program med insatser som stimulerar till "
        "att fler arbetsintegrerande sociala företag startar och växer för att därigenom öka antalet sysselsatta.",
        [("Regeringen", "Regeringen", None), ("Tillväxtverket", "Tillväxtverket", "commissioned"),
         ("Arbetsförmedlingen", "Arbetsförmedlingen", "partner"), ("EU:s", "Europeiska unionen", None)]),
    "former-name-and-its-successor": Case(
        "pdf/se_prop-2008-09-5_byggplatsdirektiv.pdf",
        "Arbetsdomstolen Arbetsmarknadsstyrelsen (numera Arbetsförmedlingen) Arbetsmiljöverket",
        [("Arbetsdomstolen", "Arbetsdomstolen", None), ("Arbetsmarknadsstyrelsen", "Arbetsförmedlingen", None),
         ("Arbetsförmedlingen", "Arbetsförmedlingen", None), ("Arbetsmiljöverket", "Arbetsmiljöverket", None)]),
}

PLACES = {  # municipalities, regions, county councils
    "municipality": Case(SKOLFRAGOR, "Statens skolinspektion och Tingsryds kommun avstyrker förslaget.",
                         [("Statens skolinspektion", "Statens skolinspektion", None),
                          ("Tingsryds kommun", "Tingsryds kommun", None)]),
    "kommun-for-a-stad": Case(
        SKOLFRAGOR,
        "Flera remissinstanser, bl.a. Lärarnas Riksförbund, Lärarförbundet, Malmö kommun samt Sveriges Kommuner "
        "och Landsting, lyfter i sina yttranden över promemorian den 5 april 2013 fram behovet av att gedigen "
        "erfarenhet av undervisning ska beaktas vid bedömning av en lärares behörighet att undervisa.",
        [("Lärarnas Riksförbund", "Sveriges Lärare", None), ("Lärarförbundet", "Sveriges Lärare", None),
         ("Malmö kommun", "Malmö stad", None),
         ("Sveriges Kommuner och Landsting", "Sveriges Kommuner och Regioner", None)]),
    "list-of-municipalities": Case(
        SKOLFRAGOR,
        "Remissinstanserna: En majoritet av remissinstanserna, bl.a. Statens skolverk, Eksjö, Hultsfreds, "
        "Mönsterås och Örebro kommuner, Lärarförbundet, Sveriges Kommuner och Landsting samt Sveriges "
        "Skolledarförbund, tillstyrker eller har inget att erinra mot förslaget.",
        [("Statens skolverk", "Statens skolverk", None), ("Eksjö", "Eksjö kommun", None),
         ("Hultsfreds", "Hultsfreds kommun", None), ("Mönsterås", "Mönsterås kommun", None),
         ("Örebro", "Örebro kommun", None), ("Lärarförbundet", "Sveriges Lärare", None),
         ("Sveriges Kommuner och Landsting", "Sveriges Kommuner och Regioner", None)]),
    "county-council": Case(
        ETABLERING,
        "Remissinstanser som har inbjudits men som inte har gett in yttrande Kristianstads kommun, Trollhättans "
        "kommun, Växjö kommun, Västerbottens läns landsting, Blå vägen och Frälsningsarmén.",
        [("Kristianstads kommun", "Kristianstads kommun", None), ("Trollhättans kommun", "Trollhättans stad", None),
         ("Växjö kommun", "Växjö kommun", None), ("Västerbottens läns landsting", "Region Västerbotten", None),
         ("Frälsningsarmén", "Frälsningsarmén", None)]),
    "stad": Case(
        "pdf/se_kommun-helsingborg_samsynsguiden-bygglov-2023_NEG.pdf",
        "Helsingborgs stad har tagit fram ”Riktlinjer för skolgårdar och förskolegårdar” där vi lyfter fem "
        "kvaliteter för att säkerställa utemiljöns innehåll, lekvärde, kvalitet och storlek.",
        [("Helsingborgs stad", "Helsingborgs stad", None)]),
    "region": Case(
        "pdf/se_kommun-helsingborg_samsynsguiden-bygglov-2023_NEG.pdf",
        "Befintligt prövad verksamhet under allmänt ändamål går bra att byta till privat utövare, typ Posten "
        "(Postnord) till Bring, Region Skåne till Capio.",
        [("Region Skåne", "Region Skåne", None)]),
}

GENERIC = {  # generic nouns and sentence-initial capitals that name no body
    "myndigheten": Case(
        "text/si_ideburna-organisationer-arbetsmarknad-2026__01.txt",
        "Dessutom ska Arbetsförmedlingen redovisa hur myndigheten samverkar med den idéburna sektorn.",
        [("Arbetsförmedlingen", "Arbetsförmedlingen", "commissioned")]),
    "Myndigheten-sentence-initial": Case(
        "pdf/se_dir-2017-29_tillaggsdirektiv-forskningsdatautredningen.pdf",
        "Myndigheten ska enligt förordningen (2008:1421) med instruktion för Kungl. biblioteket bl.a. förvara, "
        "beskriva och tillhandahålla den svenska tryckproduktionen i dess helhet och dokument för elektronisk "
        "återgivning enligt 10 § första stycket i lagen (1993:1392) om pliktexemplar av dokument.",
        [("Kungl. biblioteket", "Kungl. Biblioteket", None)]),
    "Rådet": Case("text/si_rad-innovation-kvalitet-offentlig-verksamhet-dir-2011-42__01.txt",
                  "Rådet ska stödja och stimulera innovations- och förändringsarbete i offentlig verksamhet som kan "
                  "resultera i betydande förbättringar för medborgare och företag och effektivisering av befintliga "
                  "processer."),
    "Rådet-anser": Case(SKOLFRAGOR, "Rådet anser dock att konsekvensutredningen är bristfällig."),
    "kommuner-regioner-myndigheter": Case(
        "text/regeringen_prop-2021-22-135_ideburen-valfard_summary.md",
        "Därmed kommer kommuner, regioner och statliga myndigheter i större utsträckning än tidigare att kunna dra "
        "nytta av de idéburna organisationernas kompetens, erfarenhet och andra resurser."),
    "länsstyrelsen": Case("pdf/se_kommun-helsingborg_samsynsguiden-bygglov-2023_NEG.pdf",
                          "Tillstånd krävs från länsstyrelsen för alla byggnadsminnen."),
    "Utredningen-sentence-initial": Case(
        IOP_2018,
        "Utredningen anser dock att det finns unika kvaliteter som samverkan genom IOP bidrar med och som bättre "
        "bör tas tillvara och föreslår därför att Upphandlingsmyndigheten och Myndigheten för ungdoms- och "
        "civilsamhällesfrågor får i uppdrag att gemensamt utarbeta en vägledning för hur samverkan mellan det "
        "offentliga och idéburna organisationer kan utvecklas genom ingående av idéburna offentliga partnerskap.",
        [("Upphandlingsmyndigheten", "Upphandlingsmyndigheten", "commissioned"),
         ("Myndigheten för ungdoms- och civilsamhällesfrågor", "Myndigheten för ungdoms- och civilsamhällesfrågor",
          "commissioned")]),
}

ROLE_CASES = {
    "uppdrar-åt": Case(
        "text/si_uppdrag-vinnova-social-innovation-aldre-2011__01.txt",
        "Regeringen uppdrar åt Verket för innovationssystem (Vinnova) att i samarbete med universitet och högskolor "
        "genomföra en systematisk omvärldsanalys och ta fram en koncept och idékatalog kring social innovation i "
        "vården och omsorgen av de mest sjuka äldre samt genomföra ett antal idé- och konceptprövningar av modeller "
        "och innovationer i s.k. Living Labs under hösten 2011.",
        [("Regeringen", "Regeringen", None),
         ("Verket för innovationssystem", "Verket för innovationssystem", "commissioned"),
         ("Vinnova", "Verket för innovationssystem", "commissioned")]),
    "fick-i-uppdrag-i-samråd-med": Case(
        ARBETSINTEGRERANDE,
        "Tillväxtverket fick 2016 i uppdrag att i samråd med Arbetsförmedlingen utarbeta och genomföra ett "
        "tvärsektoriellt program med insatser som stimulerar fler arbetsintegrerande sociala företag att starta "
        "och växa.",
        [("Tillväxtverket", "Tillväxtverket", "commissioned"),
         ("Arbetsförmedlingen", "Arbetsförmedlingen", "partner")]),
    "gav-X-i-uppdrag": Case(
        "text/si_strategi-sociala-foretag-2018__01.txt",
        "Regeringen gav även i februari 2018 Vinnova i uppdrag att identifiera och genomföra insatser som bidrar "
        "till att främja utvecklingen av och kunskapen om social innovation genom socialt företagande, bl.a. genom "
        "insatser för att etablera nya eller utveckla existerande inkubatorer (N2018/00714/IFK).",
        [("Regeringen", "Regeringen", None), ("Vinnova", "Verket för innovationssystem", "commissioned")]),
    "gett-i-uppdrag-åt": Case(
        "text/si_strategi-sociala-foretag-2018__02.txt",
        "Vidare har regeringen gett i uppdrag åt Vinnova att identifiera och göra insatser som bidrar till att "
        "främja utvecklingen av och kunskapen om social innovation genom socialt företagande, samt stimulera "
        "tillväxt i sociala företag i hela landet och bland både kvinnor och män.",
        [("regeringen", "Regeringen", None), ("Vinnova", "Verket för innovationssystem", "commissioned")]),
    "fått-i-uppdrag-far-from-the-name": Case(
        "text/si_strategi-sociala-foretag-2018__02.txt",
        "Vidare noterar utskottet att Tillväxtverket som ett led i genomförandet av strategin fått i uppdrag att "
        "bl.a. stärka utvecklingen av och kunskapen om sociala entreprenörer och sociala företag i hela landet.",
        [("Tillväxtverket", "Tillväxtverket", "commissioned")]),
    "uppdraget-till-two": Case(
        ARBETSINTEGRERANDE,
        "Regeringen bedömer i skrivelsen att behovet möts i och med uppdraget till Tillväxtverket och "
        "Arbetsförmedlingen.",
        [("Regeringen", "Regeringen", None), ("Tillväxtverket", "Tillväxtverket", "commissioned"),
         ("Arbetsförmedlingen", "Arbetsförmedlingen", "commissioned")]),
    "får-i-uppdrag-with-abbreviation": Case(
        "text/si_ideburna-organisationer-arbetsmarknad-2026__01.txt",
        "Därför får Institutet för arbetsmarknads- och utbildningspolitisk utvärdering (IFAU) i uppdrag att ta fram "
        "en rapport om hur den idéburna sektorn bidrar till sysselsättning och påverkar arbetsmarknaden.",
        [("Institutet för arbetsmarknads- och utbildningspolitisk utvärdering",
          "Institutet för arbetsmarknads- och utbildningspolitisk utvärdering", "commissioned"),
         ("IFAU", "Institutet för arbetsmarknads- och utbildningspolitisk utvärdering", "commissioned")]),
    "gavs-i-uppdrag": Case(
        ETABLERING,
        "I regleringsbrevet för 2013 gavs Arbetsmiljöverket i uppdrag att senast den 2 september 2013 lämna en "
        "redovisning till Arbetsmarknadsdepartementet angående utvecklingen av myndighetens arbete för att främja "
        "en förbättrad säkerhet vad avser risken för hot och våld inom detaljhandeln.",
        [("Arbetsmiljöverket", "Arbetsmiljöverket", "commissioned"),
         ("Arbetsmarknadsdepartementet", "Arbetsmarknadsdepartementet", None)]),
    "uppdragit-åt": Case(
        SKOLFRAGOR,
        "När det gäller undervisning för romer har regeringen uppdragit åt Skolverket att ansvara för genomförandet "
        "av vissa åtgärder som har aviserats i skrivelsen En samordnad och långsiktig strategi för romsk inkludering "
        "2012–2032.",
        [("regeringen", "Regeringen", None), ("Skolverket", "Statens skolverk", "commissioned")]),
    "fått-regeringens-uppdrag": Case(
        SKOLFRAGOR,
        "Statens skolverk har fått regeringens uppdrag att utveckla lärarregistret för att möjliggöra detta "
        "(U2011/7297/S, U2012/7265/S).",
        [("Statens skolverk", "Statens skolverk", "commissioned"), ("regeringens", "Regeringen", None)]),
    "recipient-is-not-funder": Case(
        "text/si_uppdrag-arbetsintegrerande-sociala-foretag-2016__01.txt",
        "Tillväxtverket beviljas högst 10 000 000 kronor för 2016 och högst 25 000 000 för 2017 respektive för 2018 "
        "för genomförande av uppdraget.",
        [("Tillväxtverket", "Tillväxtverket", None)]),
    "finansieras-med-medel-från": Case(
        ARVSFONDEN,
        "Kammarkollegiets kostnader finansieras med medel från Allmänna arvsfonden och under 2018 fick kollegiet "
        "disponera en budget om cirka 74,1 miljoner kronor för detta ändamål.",
        [("Kammarkollegiets", "Kammarkollegiet", None), ("Allmänna arvsfonden", "Arvsfondsdelegationen", "funder")]),
    "ekonomiskt-stöd-från": Case(
        ARVSFONDEN, "Utbildningarna fortsätter med ekonomiskt stöd från Länsstyrelsen i Skåne.",
        [("Länsstyrelsen i Skåne", "Länsstyrelsen i Skåne län", "funder")]),
    "statsbidrag-från": Case(
        ARVSFONDEN,
        "En ny organisation där hela styrelsen består av målgruppen och som har statsbidrag från Socialstyrelsen "
        "har bildats.",
        [("Socialstyrelsen", "Socialstyrelsen", "funder")]),
    "X-och-Y-som-finansierar": Case(
        ARVSFONDEN,
        "Verksamheten fortsätter i mindre skala i föreningens regi med stöd från Arbetsförmedlingen och "
        "Försäkringskassan som finansierar en anställning",
        [("Arbetsförmedlingen", "Arbetsförmedlingen", "funder"), ("Försäkringskassan", "Försäkringskassan", "funder")]),
    "ansvarar-för": Case(
        "pdf/se_nfs-2007-10_inventering-stora-rovdjur_NEG.pdf",
        "Naturvårdsverket ansvarar för nationell utvärdering och sammanställning av inventeringsresultaten.",
        [("Naturvårdsverket", "Naturvårdsverket", "responsible")]),
    "har-ansvar-för": Case(
        "riksdagen/dokumentstatus_json/H70310.json",
        "Det är därför viktigt att framhålla att Migrationsverket har ansvar för att se till att miljön är trygg för "
        "samtliga asylsökande som får boende ordnat och också för att ge de personer som behöver det särskilt stöd.",
        [("Migrationsverket", "Migrationsverket", "responsible")]),
    "har-det-formella-ansvaret": Case(
        "riksdagen/dokumentstatus_json/H603111.json",
        "Där är Försvarsmakten flygplatshållare och har det formella ansvaret för driften av flygplatserna.",
        [("Försvarsmakten", "Försvarsmakten", "responsible")]),
    "har-till-uppgift": Case(
        "pdf/se_sfs-2025-487_instruktion-sbu.pdf",
        "1 §2 Statens beredning för medicinsk och social utvärdering har till uppgift att utvärdera det "
        "vetenskapliga stödet för tillämpade och nya metoder i hälso- och sjukvården och i den verksamhet som "
        "bedrivs med stöd av socialtjänstlagen (2025:400) och lagen (1993:387) om stöd och service till vissa "
        "funktionshindrade ur, där det är aktuellt, ett medicinskt, socialt, ekonomiskt, samhälleligt och etiskt "
        "perspektiv.",
        [("Statens beredning för medicinsk och social utvärdering",
          "Statens beredning för medicinsk och social utvärdering", "responsible")]),
    "ska-fullgöra": Case(
        "pdf/se_dir-2017-29_tillaggsdirektiv-forskningsdatautredningen.pdf",
        "Kungl. biblioteket ska även fullgöra de uppgifter som följer av lagen (2012:492) om pliktexemplar av "
        "elektroniskt material och förordningen (2012:866) om pliktexemplar av elektroniskt material.",
        [("Kungl. biblioteket", "Kungl. Biblioteket", "responsible")]),
    "funding-received-from": Case(
        "pdf/eu_icdar2013-eu-014_vet-finland-financing-excerpt.pdf",
        "Funding received from the European Union has diversified the funding model for vocational education "
        "and training.",
        [("European Union", "Europeiska unionen", "funder")]),
    "samarbete-mellan-three": Case(
        ARBETSINTEGRERANDE,
        "Nämnas kan att enligt Sofisam, som drivs genom ett samarbete mellan Tillväxtverket, Arbetsförmedlingen och "
        "Försäkringskassan, har ett arbetsintegrerande socialt företag som mål att genom arbete och delaktighet "
        "integrera människor i samhälle och arbetsliv.",
        [("Sofisam", "Sofisam", None), ("Tillväxtverket", "Tillväxtverket", "partner"),
         ("Arbetsförmedlingen", "Arbetsförmedlingen", "partner"),
         ("Försäkringskassan", "Försäkringskassan", "partner")]),
    "i-samråd-med-former-name": Case(
        IOP_2018,
        "Uppdraget ska utföras i samråd med relevanta aktörer, såsom Sveriges Kommuner och Landsting och "
        "civilsamhällets organisationer.",
        [("Sveriges Kommuner och Landsting", "Sveriges Kommuner och Regioner", "partner")]),
    "arrangerar-tillsammans-med": Case(
        "text/si_ideburet-offentligt-partnerskap-2019__02.txt",
        "MUCF arrangerar tillsammans med Ersta Sköndal Bräcke högskola årligen en poänggivande högskoleutbildning i "
        "civilsamhällesfrågor.",
        [("MUCF", "Myndigheten för ungdoms- och civilsamhällesfrågor", "partner")]),
}


def _cases(table: dict[str, Case]) -> list[object]:
    return [pytest.param(case, id=name) for name, case in table.items()]


@pytest.mark.parametrize("case", _cases(NAMES) + _cases(PLACES) + _cases(GENERIC) + _cases(ROLE_CASES))
def test_corpus_sentence(corpus_dir: Path, case: Case) -> None:
    assert case.sentence in _corpus_text(corpus_dir, case.path), "the sentence is not in the corpus file"
    assert _triples(find_actors(case.sentence)) == case.expected


UNREGISTERED = [  # (file, sentence, name, confidence): agency-like names the registry lacks
    (IOP_2018, "Välfärdsutredningen lämnade sitt betänkande Ordning och reda i välfärden (SOU 2016:78) i november "
     "2016.", "Välfärdsutredningen", 0.5),
    (ETABLERING, "Utredningen, som antog namnet AKKA-utredningen, lämnade i oktober 2012 betänkandet Med rätt att "
     "delta – Nyanlända kvinnor och anhöriginvandrare på arbetsmarknaden (SOU 2012:69).", "AKKA-utredningen", 0.7),
    (SKOLFRAGOR, "Regelrådet anser att konsekvensutredningen i promemorian den 5 april 2013 är bristfällig i fråga om "
     "ekonomiska konsekvenser och hur förslagen kan komma att påverka konkurrensförhållanden mellan företagen.",
     "Regelrådet", 0.5),
    ("pdf/se_dir-2016-15_dataskyddsforordningen.pdf", "Informationshanteringsutredningens förslag med beaktande av "
     "de synpunkter som framförts vid remissbehandlingen är en lämplig utgångspunkt för utredarens analys.",
     "Informationshanteringsutredningen", 0.5),
    ("html/regeringen_sou-2013-75_framtidens-e-forvaltning.html", "E-delegationen konstaterar att en kritisk "
     "framgångsfaktor för att åstadkomma denna inriktning är en ökad förvaltningsövergripande digital samverkan "
     "mellan statlig och kommunal sektor.", "E-delegationen", 0.5),
    ("text/si_innovationsrad-innovationskontor-2019__01.txt", "Nationella innovationsrådet ska vara rådgivande och "
     "främja arbete över sektorsgränser för att på så sätt skapa möjligheter för framgångsrikt innovationsarbete.",
     "Nationella innovationsrådet", 0.5),
    ("text/si_palett-starkt-civilsamhalle-sou-2016-13__01.txt", "Utredningen för ett stärkt civilsamhälle föreslår "
     "flera åtgärder för att stärka civilsamhället, bland annat genom ökad kunskap hos det offentliga, tydligare "
     "myndighetsstyrning och krav på konsekvensanalyser avseende civilsamhället.",
     "Utredningen för ett stärkt civilsamhälle", 0.5),
    ("text/si_politik-for-engagemang-skr-2017-18-246__01.txt", "Skrivelsen utgår delvis från Utredningen för ett "
     "stärkt civilsamhälles betänkande Palett för ett stärkt civilsamhälle (SOU 2016:13).",
     "Utredningen för ett stärkt civilsamhälle", 0.6),
]


@pytest.mark.parametrize(("path", "sentence", "name", "confidence"), UNREGISTERED,
                         ids=[u[2] + ("s" if "civilsamhälles" in u[1] else "") for u in UNREGISTERED])
def test_unregistered_agency_like_names(corpus_dir: Path, path: str, sentence: str, name: str,
                                        confidence: float) -> None:
    assert sentence in _corpus_text(corpus_dir, path)
    [mention] = find_actors(sentence)
    assert (mention.name, mention.registered, mention.kind, mention.via) == (name, False, "agency", "pattern")
    assert mention.confidence == confidence  # lower at the start of a sentence, where a capital proves nothing


def test_a_word_the_text_also_writes_in_lower_case_is_a_common_noun() -> None:
    # at the start of a sentence a capital proves nothing; the rest of the text decides
    first = "Ledningsrådet träffas varje månad."
    assert [(m.name, m.registered, m.confidence) for m in find_actors(first)] == [("Ledningsrådet", False, 0.5)]
    assert find_actors(first + " I ledningsrådet sitter fem chefer.") == []


def test_the_commission_needs_an_eu_context(corpus_dir: Path) -> None:
    path = "docx/prop-2012-13-144_sjofartsstodets-inriktning_NEG.docx"
    sentence = "Kommissionens övervakning av statligt stöd bygger på ett system med förhandsgodkännande."
    text = _corpus_text(corpus_dir, path)
    assert find_actors(sentence) == []  # alone, "kommissionen" could be any commission
    at = text.index(sentence)
    paragraph = text[text.rfind("\n", 0, at) + 1:text.find("\n", at)]
    assert "EU" in paragraph or "medlemsstat" in paragraph
    found = [m for m in find_actors(text) if m.start == at]
    assert [(m.surface, m.name, m.via) for m in found] == [("Kommissionens", "Europeiska kommissionen", "context")]


# -- variants made from real sentences -----------------------------------------------------------

PARTNER_FRAME = ("Tillväxtverket fick 2016 i uppdrag att i samråd med {} utarbeta och genomföra ett tvärsektoriellt "
                 "program med insatser som stimulerar fler arbetsintegrerande sociala företag att starta och växa.")


@pytest.mark.parametrize(("written", "actor"), [
    ("Svenska ESF-rådet", "Rådet för europeiska socialfonden i Sverige"),
    ("ESF-rådet", "Rådet för europeiska socialfonden i Sverige"),
    ("ISF", "Inspektionen för socialförsäkringen"),
    ("Inspektionen för socialförsäkringen", "Inspektionen för socialförsäkringen"),
    ("EU-kommissionen", "Europeiska kommissionen"),
    ("EU\u2011kommissionen", "Europeiska kommissionen"),  # a non-breaking hyphen
    ("Europeiska kommissionen", "Europeiska kommissionen"),
    ("Europaparlamentet", "Europaparlamentet"),
    ("europaparlamentet", "Europaparlamentet"),
    ("Rådet för Europeiska unionen", "Europeiska unionens råd"),
    ("Vinnova", "Verket för innovationssystem"),
    ("VINNOVA", "Verket för innovationssystem"),
    ("MUCF", "Myndigheten för ungdoms- och civilsamhällesfrågor"),
    ("Ungdomsstyrelsen", "Myndigheten för ungdoms- och civilsamhällesfrågor"),
    ("SKR", "Sveriges Kommuner och Regioner"),
    ("Sveriges Kommuner och Regioner", "Sveriges Kommuner och Regioner"),
    ("Nutek", "Tillväxtverket"),
    ("Riksförsäkringsverket", "Försäkringskassan"),
    ("Energimyndigheten", "Statens energimyndighet"),
    ("Folkhälsomyndigheten", "Folkhälsomyndigheten"),
    ("Formas", "Forskningsrådet för miljö, areella näringar och samhällsbyggande"),
    ("Tandvårds- och läkemedelsförmånsverket", "Tandvårds- och Läkemedelsförmånsverket"),
    ("Verket för Näringslivsutveckling", "Tillväxtverket"),  # a capital the registry does not write
    ("Famna", "Famna"),
    ("Coompanion", "Coompanion"),
    ("Skoopi", "Skoopi"),
    ("Giva Sverige", "Giva Sverige"),
    ("Forum – idéburna organisationer med social inriktning", "Forum – idéburna organisationer med social inriktning"),
    ("Forum - idéburna organisationer med social inriktning", "Forum – idéburna organisationer med social inriktning"),
    ("NOD", "Nationellt organ för dialog och samråd mellan regeringen och det civila samhället"),
    ("Mötesplats Social Innovation", "Mötesplats Social Innovation"),
    ("Nationella nätverket för samordningsförbund", "Nationella nätverket för samordningsförbund"),
    ("Landstinget i Värmland", "Region Värmland"),
    ("Länsstyrelsen Skåne", "Länsstyrelsen i Skåne län"),
    ("Göteborgs Stad", "Göteborgs stad"),
    ("Stockholms kommun", "Stockholms stad"),
    ("Region Gotland", "Region Gotland"),
    ("Sveriges riksdag", "Riksdagen"),
    ("socialdepartementet", "Socialdepartementet"),
    ("kulturutskottet", "Kulturutskottet"),
    ("Nordiska ministerrådet", "Nordiska ministerrådet"),
    ("FN", "Förenta nationerna"),
    ("OECD", "Organisationen för ekonomiskt samarbete och utveckling"),
])
def test_aliases_abbreviations_and_variants(written: str, actor: str) -> None:
    found = find_actors(PARTNER_FRAME.format(written))
    assert _triples(found) == [("Tillväxtverket", "Tillväxtverket", "commissioned"), (written, actor, "partner")]


GENITIVE_FRAME = ("Regeringen delar {} uppfattning att promemorians lagtext, när det gäller planernas omfattning, för "
                  "tydlighetens skull kan disponeras på ett annat sätt.")


@pytest.mark.parametrize(("written", "actor"), [
    ("Vinnovas", "Verket för innovationssystem"), ("Försäkringskassans", "Försäkringskassan"),
    ("MSB:s", "Myndigheten för civilt försvar"), ("ISF:s", "Inspektionen för socialförsäkringen"),
    ("Tillväxtverkets", "Tillväxtverket"), ("EU-kommissionens", "Europeiska kommissionen"),
    ("SKR:s", "Sveriges Kommuner och Regioner"), ("Region Skånes", "Region Skåne"),
    ("Helsingborgs stads", "Helsingborgs stad"), ("Famnas", "Famna"), ("riksdagens", "Riksdagen"),
    ("ARBETSFÖRMEDLINGENS", "Arbetsförmedlingen"),
])
def test_genitives(written: str, actor: str) -> None:
    found = find_actors(GENITIVE_FRAME.format(written))
    assert _triples(found) == [("Regeringen", "Regeringen", None), (written, actor, None)]
    assert found[1].genitive


def test_a_former_name_keeps_the_name_it_matched() -> None:
    [_, mention] = find_actors(GENITIVE_FRAME.format("MSB:s"))
    assert (mention.name, mention.matched, mention.via) == (
        "Myndigheten för civilt försvar", "Myndigheten för samhällsskydd och beredskap", "abbreviation")


@pytest.mark.parametrize("written", [
    "myndighetens", "myndigheternas", "kommunens", "kommunernas", "regionens", "länsstyrelsens", "departementets",
    "utredningens", "kommissionens", "rådets", "Sveriges kommuners", "sidans", "formas", "polisens",
    "Sverigefinska Riksförbundets",  # an association the registry does not hold, and no agency word
])
def test_generic_words_in_the_same_place_are_not_actors(written: str) -> None:
    assert _triples(find_actors(GENITIVE_FRAME.format(written))) == [("Regeringen", "Regeringen", None)]


@pytest.mark.parametrize("text", [
    "AV RAMBOLL PÅ UPPDRAG AV ISF",  # an abbreviation among other capitals is a heading
    "ISF RAPPORT 2019:3",
    "Se sida 3 och polisen.", "Sida 3 av 12",  # "Sida" the agency, not a page
    "AFS 2023:1", "SÖ", "US", "AM", "DIN 4102", "MSB-rapporten", "xMSB", "MSBx", "EU-medel", "EU-myndigheten",
    "förordning (EG) nr 1083/2006", "direktiv (EU) 2015/1535", "direktiv 2004/42/EG",  # numbers of legal acts
    "Myndigheten", "Myndigheterna ska samverka.", "Kommunen", "Regionen", "Inspektionen", "Departementet",
    "Nätverket består av tolv kommuner och nätverket träffas varje år.",
    "Regelverket ändras.", "Kommunstyrelsen beslutar.", "Varje kommun ska ha en plan.",
    "Sveriges kommuner och regioner har ansvar för hälso- och sjukvården.",
    "kommissionen för jämlik hälsa", "Kunskap formas i möten.",
])
def test_hostile_inputs_name_no_actor(text: str) -> None:
    assert find_actors(text) == []


@pytest.mark.parametrize("space", ["\n", "\u00a0", "  ", "\r\n"])
def test_multi_word_names_across_line_breaks_and_no_break_spaces(corpus_dir: Path, space: str) -> None:
    sentence = ROLE_CASES["i-samråd-med-former-name"].sentence
    assert sentence in _corpus_text(corpus_dir, IOP_2018)
    text = sentence.replace("Kommuner och Landsting", f"Kommuner{space}och{space}Landsting")
    [mention] = find_actors(text)
    assert (mention.name, mention.role) == ("Sveriges Kommuner och Regioner", "partner")
    assert mention.surface == text[mention.start:mention.end] == f"Sveriges Kommuner{space}och{space}Landsting"


def test_soft_hyphens_inside_names_keep_offsets_into_the_given_text() -> None:
    text = ROLE_CASES["fick-i-uppdrag-i-samråd-med"].sentence.replace("Tillväxtverket", "Tillväx\u00adtverket").replace(
        "Arbetsförmedlingen", "Arbets\u00adför\u00admedlingen")
    found = find_actors(text)
    assert _triples(found) == [("Tillväx\u00adtverket", "Tillväxtverket", "commissioned"),
                               ("Arbets\u00adför\u00admedlingen", "Arbetsförmedlingen", "partner")]
    assert all(text[m.start:m.end] == m.surface for m in found)


def test_unregistered_municipalities_regions_and_eu_bodies() -> None:
    # made up from real wording, for names the registry cannot hold
    found = find_actors("Remissinstanserna: Region Mellersta Norrland, Statens kvalitetsråd, Lunda kommun och "
                        "Europeiska försvarsbyrån tillstyrker.")
    assert [(m.surface, m.name, m.kind, m.registered) for m in found] == [
        ("Region Mellersta Norrland", "Region Mellersta Norrland", "region", False),
        ("Statens kvalitetsråd", "Statens kvalitetsråd", "agency", False),
        ("Lunda kommun", "Lunda kommun", "municipality", False),
        ("Europeiska försvarsbyrån", "Europeiska försvarsbyrån", "eu", False),
    ]


# -- every mention on whole documents -------------------------------------------------------------

@pytest.mark.parametrize("path", [ETABLERING, SKOLFRAGOR, ARBETSINTEGRERANDE,
                                  "pdf/se_kommun-helsingborg_samsynsguiden-bygglov-2023_NEG.pdf"])
def test_offsets_order_and_values_on_whole_documents(corpus_dir: Path, path: str) -> None:
    text = _corpus_text(corpus_dir, path)
    found = find_actors(text)
    assert found
    for before, after in pairwise(found):
        assert before.end <= after.start
    for m in found:
        assert text[m.start:m.end] == m.surface
        assert m.role in (None, *ROLES) and (m.role is None) == (m.role_cue is None)
        assert 0 < m.confidence <= 1 and m.registered == (m.via != "pattern")


def test_a_negative_document_names_only_the_bodies_it_names(corpus_dir: Path) -> None:
    text = _corpus_text(corpus_dir, "pdf/se_kommun-helsingborg_samsynsguiden-bygglov-2023_NEG.pdf")
    names = {m.name for m in find_actors(text)}
    assert names == {"Boverket", "Försvarsmakten", "Luftfartsverket", "Lantmäteriet", "Trafikverket",
                     "Mark- och miljööverdomstolen", "Myndigheten för civilt försvar", "Riksdagen", "Sametinget",
                     "Sveriges Kommuner och Regioner", "Region Skåne", "Helsingborgs stad",
                     "Europaparlamentet"}


@pytest.mark.parametrize("hostile", [
    "Myndigheten för " + "a " * 20000,
    "Statens " * 20000 + "Region " * 20000 + "Sveriges Kommuner och " * 20000,
    "X" * 200_000 + "AKKA-" * 20000 + "utredningen",
    "Aa, " * 20000 + "och Bb kommuner",  # a list of municipalities that never ends
    "Ab Cd, " * 10000 + " kommuner",
    "i samverkan med " + "x " * 50000 + "Tillväxtverket",
], ids=["head-for", "prefixes", "compound", "list", "list-of-pairs", "role-cue"])
def test_scanning_stays_linear_on_hostile_text(hostile: str) -> None:
    find_actors("värm upp")  # the expression is built once, outside the timing
    start = time.perf_counter()
    find_actors(hostile)
    assert time.perf_counter() - start < 3, "a pattern backtracks"


# -- summaries -----------------------------------------------------------------------------------

def test_summarise_a_document_by_its_passages(corpus_dir: Path) -> None:
    _corpus_text(corpus_dir, ARBETSINTEGRERANDE)  # skips without the corpus
    extracted = read_path(corpus_dir / ARBETSINTEGRERANDE)
    passages = passages_from(extracted.text, extracted.blocks, extracted.pages)
    summary = {s.name: s for s in summarise((p.seq, p.text) for p in passages)}
    growth = summary["Tillväxtverket"]
    assert (growth.kind, growth.registered) == ("agency", True)
    assert growth.mentions == sum(p.text.count("Tillväxtverket") for p in passages)
    assert growth.roles == {"commissioned": 4, "partner": 1}
    assert growth.examples == tuple(p.seq for p in passages if "Tillväxtverket" in p.text)[:3]
    assert growth.passages == sum("Tillväxtverket" in p.text for p in passages)
    assert summary["Regeringen"].surfaces[0] in {"regeringen", "Regeringen"}
    assert next(iter(summary)) == "Tillväxtverket"  # the most mentioned first


def test_summarise_mentions_already_found() -> None:
    first = find_actors(ROLE_CASES["uppdraget-till-two"].sentence)
    second = find_actors(ROLE_CASES["fick-i-uppdrag-i-samråd-med"].sentence)
    result = summarise([("a", first), ("b", second), ("c", [])], examples=1)
    assert [(s.name, s.mentions, s.passages, s.roles, s.examples) for s in result] == [
        ("Arbetsförmedlingen", 2, 2, {"commissioned": 1, "partner": 1}, ("a",)),
        ("Tillväxtverket", 2, 2, {"commissioned": 2}, ("a",)),
        ("Regeringen", 1, 1, {}, ("a",)),
    ]


# -- extension and registry ------------------------------------------------------------------------

@dataclass(frozen=True)
class Extra:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()


def test_extra_actors_from_a_framework() -> None:
    matcher = ActorMatcher(extra=[Extra("Ersta Sköndal Bräcke högskola", "academia", ("ESBH",))])
    sentence = ROLE_CASES["arrangerar-tillsammans-med"].sentence
    assert _triples(find_actors(sentence, matcher=matcher)) == [
        ("MUCF", "Myndigheten för ungdoms- och civilsamhällesfrågor", "partner"),
        ("Ersta Sköndal Bräcke högskola", "Ersta Sköndal Bräcke högskola", "partner")]
    assert [m.kind for m in find_actors("Enligt ESBH.", matcher=matcher)] == ["academia"]


@pytest.mark.parametrize(("name", "kind", "successor"), [
    ("ESF-rådet", "agency", None), ("Famna", "civil_society", None), ("Skoopi", "civil_society", None),
    ("Mötesplats Social Innovation", "network", None), ("Saminvest", "other", None),
    ("Europarådet", "international", None), ("Nordiska rådet", "nordic", None), ("EU:s ministerråd", "eu", None),
    ("Europeiska arbetsmyndigheten", "eu", None), ("Allmänna arvsfonden", "agency", None),
    ("Statens folkhälsoinstitut", "agency", "Folkhälsomyndigheten"),
    ("Verket för näringslivsutveckling", "agency", "Tillväxtverket"),
    ("Landstinget i Uppsala län", "region", "Region Uppsala"),
    ("Sveriges Kommuner och Landsting", "other", "Sveriges Kommuner och Regioner"),
])
def test_registry_additions(name: str, kind: str, successor: str | None) -> None:
    body = lookup(name)
    assert body is not None and (body.kind, body.successor) == (kind, successor)
