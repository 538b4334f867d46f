"""Clinical reference §8: source key → address, for the reference list at the end of a report.

Keys marked low are practice sites or blogs (clinical reference §8); the report says so beside them.
"""

# The seed article the project starts from; rules cite it as ARTICLE.
ARTICLE_TITLE = "Hamstring Pain: A Physical Therapist's Guide (the seed article)"

SOURCES = {
    "MMT": (
        "https://yomokerst.com/The%20Archive/Examination/Tests%20and%20Measures/Manual%20Muscle%20Test/MMT_manual_muscle_test.html",
        False,
    ),
    "HHD": ("https://pmc.ncbi.nlm.nih.gov/articles/PMC4961312/", False),
    "ROM1": ("https://fpnotebook.com/legacy/Ortho/Exam/HpRngOfMtn.htm", False),
    "ROM2": ("https://www.slideshare.net/ssuser33ed1c/hip-goinomery", True),
    "THO1": (
        "https://bmcsportsscimedrehabil.biomedcentral.com/articles/10.1186/s13102-021-00242-y/tables/4",
        False,
    ),
    "THO2": ("https://pmc.ncbi.nlm.nih.gov/articles/PMC4991856", False),
    "THO3": (
        "https://posturemovementpain.com/2013/07/15/are-my-hip-flexors-tight-the-science-behind-the-thomas-test/",
        True,
    ),
    "FAB": ("https://www.physiohub.io/assessment/si/pain-provocation/patrick-faber", False),
    "LAS": ("https://www.physiohub.io/assessment/si/pain-provocation/cluster-laslett", False),
    "SNY": (
        "https://johnsnyderdpt.com/for-clinicians/clinical-prediction-rules/sacroiliac-joint-pain/",
        False,
    ),
    "SIJ": (
        "https://www.ochsnerjournal.org/highwire/markup/29157/expansion?width=1000&height=500&iframe=true&postprocessors=highwire_tables%2Chighwire_reclass%2Chighwire_figures%2Chighwire_math%2Chighwire_inline_linked_media%2Chighwire_embed",
        False,
    ),
    "SIJ2": (
        "https://physio-pedia.com/index.php?title=Sacroiliac_Joint_Special_Test_Cluster&oldid=73843",
        False,
    ),
    "PSIS": ("https://pmc.ncbi.nlm.nih.gov/articles/PMC4807681", False),
    "PEL": ("https://pmc.ncbi.nlm.nih.gov/articles/PMC2565125", False),
    "PEL2": ("https://pubmed.ncbi.nlm.nih.gov/21658988/", False),
    "ASLR": ("https://www.physiotutors.com/wiki/active-straight-leg-raise-test/", False),
    "PIT": ("https://pmc.ncbi.nlm.nih.gov/articles/PMC4893951/table/array5", False),
    "HCPR": (
        "https://snyderphysicaltherapy.com/for-clinicians/clinical-prediction-rules/stabilization-for-low-back-pain/",
        False,
    ),
    "MCG": ("https://www.matassessment.com/blog/mcgill-endurance-tests", True),
    "SPL": ("https://www.matassessment.com/blog/side-plank-test", True),
    "PLK": ("https://digitalcommons.linfield.edu/symposium/2014/all/8", False),
    "PBU": ("https://pubmed.ncbi.nlm.nih.gov/23160344/", False),
    "ND": ("https://www.physio-pedia.com/Navicular_Drop_Test", False),
    "FREL": ("https://pmc.ncbi.nlm.nih.gov/articles/PMC5131537", False),
    "FPI": ("https://studylib.net/doc/8078879/the-foot-posture-index", False),
    "HR": ("https://researchcommons.waikato.ac.nz/handle/10289/11322", False),
    "HR2": (
        "https://library.theprehabguys.com/vimeo-video/single-leg-heel-raise-assessment/",
        True,
    ),
    "WBLT": (
        "https://www.physio-pedia.com/index.php?title=Knee_to_Wall_Test&veaction=edit&section=4",
        False,
    ),
    "WBLT2": (
        "https://sportengeneeskunde.nl/artikelen/klinisch-toepasbare-functie-en-krachttesten-voor-mannelijke-jeugdspelers-van-een-betaald-voetbal-organisatie/",
        False,
    ),
    "TREN": ("https://www.physiohub.io/assessment/hip/muscle-testing/trendelenburg", False),
    "CAD": ("https://wwrichard.net/tag/temporal-parameters/", False),
    "CAD2b": (
        "https://vitamindwiki.com/Healthy+walking+speed+is+100+steps+per+minute+%E2%80%93+May+2018",
        False,
    ),
    "CAD2": (
        "https://www.evolutionphysicaltherapy.com/post/gait-retraining-and-injury-prevention-for-the-runner/",
        True,
    ),
    "OVS": (
        "https://bjsm.bmj.com/highwire/markup/102395/expansion?width=1000&height=500&iframe=true&postprocessors=highwire_tables%2Chighwire_reclass%2Chighwire_figures%2Chighwire_math%2Chighwire_inline_linked_media%2Chighwire_embed",
        False,
    ),
    "SLR": ("https://en.wikipedia.org/wiki/Straight_leg_raise", False),
    "SHS": (
        "http://www.thieme-connect.de/products/ejournals/pdf/10.1055/s-0035-1554699.pdf",
        False,
    ),
    "SLU": ("https://orthopaedicmanipulation.com/slump-test-1", False),
    "TURL": ("https://www.ncbi.nlm.nih.gov/pubmed/9440036", False),
    "KORN": (
        "https://bjsm.bmj.com/lookup/external-ref?access_num=18796937&link_type=MED&atom=%2Fbjsports%2F49%2F24%2F1579.atom",
        False,
    ),
    "NDS": ("https://pmc.ncbi.nlm.nih.gov/articles/PMC4590905", False),
    "SLID": ("http://trackactive.co/tensioners-and-sliders-what-does-the-evidence-say", True),
    "ALSH": (
        "https://www.scribd.com/document/631149497/Effect-of-Neural-Mobilization-Exercises-in-Patients-With-Low-Back-Related-Leg-Pain-With-Peripheral-Nerve-Sensitization-A-Prospective-Controlled-Tria",
        False,
    ),
    "NHSL": (
        "https://apps.nhslothian.scot/refhelp/guidelines/musculoskeletalphysiotherapy/lumbarspine/serious-lumbar-spine-conditions-red-flags",
        False,
    ),
    "GPR": ("https://gpreasoning.uk/tools/algorithms/sciatica.html", False),
    "PO": ("https://www.physiotutors.com/wiki/puranen-orava-test/", False),
    "BKS": ("https://www.physiotutors.com/wiki/bent-knee-stretch-test/", False),
    "CAC": ("https://www.sportsmedres.org/accuracy-proximal-hamstring-tendinopathy-tests/", False),
    "HHP": ("https://www.healthhp.com.au/post/key-tests-for-hamstring-tendinopathy", True),
    "GOOM": (
        "http://blog.performancehealthacademy.com/2016/08/11/hamstring-tendinopathy-how-to-diagnose-and-manage-part-1/",
        False,
    ),
    "TOST": ("https://pubmed.ncbi.nlm.nih.gov/16603888/", False),
    "HT": ("https://pubmed.ncbi.nlm.nih.gov/20852842/", False),
    "HT2": ("https://orbi.uliege.be/handle/2268/325140", False),
    "HT3": ("http://thesportsmedchiro.com/2014/06/15/the-askling-h-test/", True),
    "AKE": ("https://physio-pedia.com/Active_Knee_Extension_Test", False),
    "AKE2": ("https://balkanmedicaljournal.org/text.php?lang=tr&id=2013", False),
    "SLHB": (
        "https://www.healthhp.com.au/post/single-leg-bridge-to-fatigue-for-hamstring-strength",
        True,
    ),
    "SLHB2": ("https://bjsm.bmj.com/content/48/8/713", False),
    "NHS": (
        "https://sportsmedicine-open.springeropen.com/articles/10.1186/s40798-021-00298-7/tables/2",
        False,
    ),
    "NHE": ("https://stadiasportsmedicine.com/info/2015/hamstring-injury-prevention/", False),
    "CPG22": ("https://scribd.com/document/613566151/jospt-2022-0301-1", False),
    "HEI": ("https://pmc.ncbi.nlm.nih.gov/articles/PMC2867336", False),
    "PRO": ("https://docsbay.net/doc/618891/normalization-of-strength-length-curve-protocol", True),
    "MOEN": ("https://bjsm.bmj.com/content/48/18/1358.full.txt", False),
    "ASK": ("https://www.physiotutors.com/wiki/askling-protocol/", False),
    "ASK2": ("https://www.physio-pedia.com/Askling_Protocol", False),
    "TSMT": ("https://tsmt.com.au/blog/best-exercises-proximal-hamstring-tendinopathy", True),
    "ADV": (
        "https://advantagesportmed.ca/proximal-hamstring-tendinopathy-some-guidance-to-deal-with-the-true-pain-in-the-butt-part-2/",
        False,
    ),
    "POGO": ("https://pogophysio.com.au/blog/proximal-hamstring-tendinopathy-exercise", False),
    "RIO": (
        "https://research.monash.edu/en/publications/exercise-to-reduce-tendon-pain-a-comparison-of-isometric-and-isot",
        False,
    ),
    "CLIF": ("https://bmjopensem.bmj.com/content/6/1/e000760.full.txt", False),
    "PMM": ("https://bim.physio/the-pain-monitoring-model/", False),
    "LOG": ("https://loganphysio.com.au/proximal-hamstring-tendinopathy/", True),
    "REEV": (
        "https://reevesperformanceandnutrition.com/2021/09/15/3-things-to-avoid-if-you-have-proximal-hamstring-tendon-pain/",
        True,
    ),
    "LEFS": (
        "https://worldoscar.org/download/lower-extremity-functional-score-lefs-eform/?wpdmdl=2274",
        False,
    ),
    "LEFS2": ("https://informahealthcare.com/doi/full/10.1080/17453674.2017.1309886", False),
    "ODI": ("https://www.idcafe.net/how-is-the-oswestry-disability-scale-scored/", False),
    "ODI2": (
        "https://asir-journal.biomedcentral.com/articles/10.1186/1750-1164-7-12/tables/1",
        False,
    ),
    "ODI-L": ("https://loinc.org/97909-6", False),
    "ODIM": ("https://pmc.ncbi.nlm.nih.gov/articles/PMC3454560", False),
    "ODI3": ("https://phincon.com/clearway/the/82084657ca84cb86106ccc1c54", True),
    "NPRS": ("https://fr.scribd.com/document/264664379/PAIN", False),
    "NPRS2": ("https://thieme-connect.de/products/all/doi/10.1055/a-1304-3677", False),
    "KAMP": ("https://pmc.ncbi.nlm.nih.gov/articles/PMC2989296", False),
    "NPRS-L": (
        "https://www.healthassure.in/codes/loinc-72514-3-pain-severity-0-10-verbal-numeric-rating-score-reported",
        False,
    ),
    "IHE": (
        "https://wiki.ihe.net/index.php?oldid=5949&title=1.3.6.1.4.1.19376.1.5.3.1.1.12.3.1",
        False,
    ),
    "PSFS": ("https://www.precisionphysio.com.au/the-patient-specific-functional-scale/", False),
    "VISA": ("https://patient-watch.com/forms/visa-h", False),
    "VISA2": ("https://bjsm.bmj.com/content/48/6/448", False),
    "VISA3": ("https://database.cosmin.nl/catalog/2693", False),
    "CES": (
        "https://bestpractice-bmj-com.bibliotheek.ehb.be/topics/en-gb/3000164/diagnosis-approach",
        False,
    ),
    "CES2": ("https://www.backes.org.uk/cauda-equina-warning-signs/", False),
    "RF": ("https://cliniborg.com/2014/08/22/low-back-pain-red-flags", False),
    "AVU": ("https://musculoskeletalkey.com/15-repair-of-proximal-hamstring-avulsion", False),
    "AVU2": ("https://www.orthoempearls.com/articles/goodbye-thigh", False),
    "SUB": ("https://pubmed.ncbi.nlm.nih.gov/25404617/", False),
    "ADO": (
        "https://www.jucm.com/an-11-year-old-boy-with-groin-pain-after-playing-soccer/2/",
        False,
    ),
    "APO": ("https://scilit.com/publications/e8b58d1a0e7c9da9aba3d9867df1b621", False),
    "DVT": (
        "https://www.msdmanuals.com/uk/professional/cardiovascular-disorders/peripheral-venous-disorders/deep-venous-thrombosis-dvt",
        False,
    ),
    "ACSM": ("http://brunnerathleticd.com/resistancet", True),
    "BIG3": ("https://harrisonclinic.co.uk/aiovg_videos/the-bird-dog/", True),
    "DB": ("https://mail.catalystathletics.com/exercise/494/Dead-Bug", True),
    "DB2": ("https://greatrockbible.com/core-exercise-dead-bug/", True),
    "PSO": ("https://www.kinetic-revolution.com/hip-flexor-core-strength-drill-psoas-march/", True),
    "PSO2": ("https://runmechanics.in/workouts/supinepsoasmarch/index.html", True),
    "LEH": ("https://pmc.ncbi.nlm.nih.gov/articles/PMC5534144", False),
    "ALF": (
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC6356409/table/nutrients-11-00076-t0A2",
        False,
    ),
    "CSPC": ("https://www.cspc.co.uk/calf-strength/", True),
    "SF": ("https://chicagochirosports.com/2014/01/short-foot-2/", True),
    "SF2": ("https://askvity.info/foot-exercises/how-to-do-short-foot-exercise", True),
    "HINGE": ("https://bspnova.com/struggling-single-leg-rdl-start-here", True),
    "RTR": ("https://precisionpt.org/post/return-to-run-checklist", True),
    "RTR2": ("https://www.stack.com/a/pain-free-running/", True),
    "WR": ("https://www.arc-running.com/run-walk-progression/", True),
    "WR2": (
        "https://trialsjournal.biomedcentral.com/articles/10.1186/s13063-023-07502-x/tables/1",
        False,
    ),
    "LBP21": ("https://www.scribd.com/document/565518079/jospt-2021-0304", False),
    "DP": (
        "https://www.apta.org/patient-care/evidence-based-practice-resources/test-measures/pain-centralization",
        False,
    ),
    "APT": ("https://www.pubmed.gov/33172346/", False),
    "HIPSR": (
        "https://sjsp.aearedo.es/index.php/sjsp/article/view/muscle-strength-lower-extremity-injuries-soccer-players-review",
        False,
    ),
    "SPR": (
        "https://www.physiohub.io/research/running/can-we-modify-maximal-speed-running-posture-implications-for-performance-and-ham",
        False,
    ),
    "LSI": (
        "https://bjsm.bmj.com/highwire/markup/103365/expansion?width=1000&height=500&iframe=true&postprocessors=highwire_tables%2Chighwire_reclass%2Chighwire_figures%2Chighwire_math%2Chighwire_inline_linked_media%2Chighwire_embed",
        False,
    ),
}


def reference_list(keys):
    """The cited keys in order of first citation, each with its address and a low-evidence mark."""
    seen, references = set(), []
    for key in keys:
        if key in seen:
            continue
        seen.add(key)
        if key == "ARTICLE":
            references.append({"key": key, "url": "", "title": ARTICLE_TITLE, "low": True})
        elif key in SOURCES:
            url, low = SOURCES[key]
            references.append({"key": key, "url": url, "title": "", "low": low})
        else:
            references.append({"key": key, "url": "", "title": "", "low": False})
    return references
