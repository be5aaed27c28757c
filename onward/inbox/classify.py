"""What kind of recruiting email a message is: a rejection, an interview (invitation or
scheduling), an acknowledgement, an offer, an assessment, or something else, with a confidence.

Weighted phrases in English, German, French and Spanish, no model download and no network:
deterministic, explainable (``Verdict.cues`` says what was seen) and fast. A cue is a regular
expression over the subject and the message's own text (quoted history already cut off), case-
folded with accents removed, so "berücksichtigen" and "berucksichtigen" read alike.

Decisions that the phrases alone would get wrong are made by two rules: kinds other than
"other" count for little in a message with nothing about an application or a job in it (a payment
notice saying "unfortunately"), and look-alikes (newsletters, job alerts, saved-job notices, talk
decisions, recruiter outreach, reference requests) push towards "other". Written against
``corpus/train.txt`` only; ``corpus/test.txt`` measures it (``bench/inbox_classify.py``).
"""

import re
import unicodedata
from dataclasses import dataclass

REJECTION = "rejection"
INTERVIEW = "interview"
ACKNOWLEDGEMENT = "acknowledgement"
OFFER = "offer"
ASSESSMENT = "assessment"
OTHER = "other"
KINDS = (REJECTION, INTERVIEW, ACKNOWLEDGEMENT, OFFER, ASSESSMENT, OTHER)

# Below this confidence a verdict is shown as uncertain.
UNSURE_BELOW = 0.6
# What "other" starts with: a kind needs more than this to be chosen.
OTHER_BASELINE = 1.5
# A message that says nothing about applications or jobs keeps this share of its scores.
NO_CONTEXT_FACTOR = 0.3

Cue = tuple[str, float]

REJECTION_CUES: list[Cue] = [
    # English: the direct and the soft ways of saying no.
    (
        r"\b(?:not|n't|no longer|unable to|not able to) (?:be |to )?(?:moving|move|going|go"
        r"|proceeding"
        r"|proceed|progressing|progress|taking|take|continuing|continue|advancing|advance)\b"
        r".{0,45}\b(?:forward|further|ahead|any further|next (?:stage|round|step))",
        3,
    ),
    (
        r"\b(?:won't|will not|would not|shan't) be (?:progressing|proceeding|continuing|moving"
        r"|taking|inviting|offering|advancing)",
        3,
    ),
    (
        r"\b(?:decided|decision|chosen|chose|opted|elected|going|need) (?:not )?to (?:move|proceed"
        r"|go"
        r"|continue|progress|pursue|focus|keep looking)\w*(?: forward| ahead| on)?(?: with)? "
        r"(?:other|another|a different|someone|the other|candidates|applicants|a shortlist)",
        3,
    ),
    (
        r"\b(?:moving|move|moved|going|go|proceeding|proceed|continuing|continue|pursue|pursuing"
        r"|focus|focusing|progress|progressing) (?:ahead |forward |on )?with (?:other|another"
        r"|a different|someone else|a shortlist|candidates|applicants)",
        3,
    ),
    (
        r"\b(?:chosen|selected|hired|picked|appointed|offered the (?:position|role|job) to"
        r"|extend(?:ed)? (?:the|an|our) offer to|go with|went with|gone with|going with|decided on)"
        r" (?:another|a different|an internal|someone|the other|a candidate|other)",
        3,
    ),
    (
        r"\b(?:candidates?|applicants?|people|profiles?) (?:whose|who|with) (?:\w+ ){0,3}"
        r"(?:experience|background|skills|qualifications|profile)",
        1.5,
    ),
    (
        r"\b(?:closer|better|stronger|more closely|best) (?:\w+ ){0,3}(?:fit|match|matches|align"
        r"|aligns|meet|meets)\b",
        1.5,
    ),
    (
        r"\b(?:position|role|vacancy|job|opening|requisition|post|hire)\b.{0,30}\b(?:has been|have "
        r"been|was|is now|been|is) (?:filled|closed|cancelled|canceled|withdrawn|put on hold)",
        3,
    ),
    (
        r"\b(?:we've|we have|have now|just|we) (?:filled|hired for|closed|completed the "
        r"recruitment|made (?:a|our) (?:decision|hire)|hired someone)",
        2,
    ),
    (r"\bno longer (?:open|available|recruiting|hiring|considering)", 2),
    (
        r"\b(?:paused hiring|pause hiring|hiring freeze|freeze on hiring|on hold|paused (?:the"
        r"|this)"
        r" (?:role|search|hire|position))\b",
        2.5,
    ),
    (r"\bfilled internally|\binternal candidate|\binternal(?:ly)? (?:hire|promotion|solution)", 3),
    (
        r"\bregret (?:to|that)|\bregrettably|\bwe are sorry to|i'm sorry to|i am sorry to"
        r"|sorry to say"
        r"|sorry not to",
        2.5,
    ),
    (r"\bunfortunately\b|\bsadly\b|\bafraid\b", 1),
    (
        r"\bnot (?:been |be )?(?:successful|selected|shortlisted|short-listed|chosen|progressed"
        r"|invited)\b|\bunsuccessful\b",
        3,
    ),
    (
        r"\b(?:won't|will not|cannot|can't|are unable to|not able to|aren't able to) (?:be )?"
        r"(?:invit|offer|progress|proceed|continu|tak|consider|mov)\w*",
        2,
    ),
    (r"\b(?:decided|decision) (?:not to|against)\b", 2.5),
    (
        r"\b(?:does|do|did) not (?:meet|match|reach)|\bdidn't (?:meet|reach|cover|come through)"
        r"|\bnot (?:a (?:good |strong |right )?(?:fit|match))|\bisn't quite|\bwasn't quite"
        r"|\bnot quite (?:the|what)",
        2,
    ),
    (r"\bclose (?:your|the) application|\bclosed your application|\bclose your candidacy", 2.5),
    (
        r"\b(?:we'll|we will|i'll) pass\b|\bkeep looking\b|\b(?:different|another) direction\b"
        r"|\b(?:went|go|going|gone) (?:another|a different|a separate) (?:way|route)",
        2.5,
    ),
    (
        r"\bwish(?:ing)? you (?:the best|all the best|every success|luck|success|well)"
        r"|\bbest of luck"
        r"|\bgood luck\b|\bsuccess in your (?:search|job search|future)",
        1.5,
    ),
    (
        r"\bkeep your (?:cv|resume|details|information|profile|application)|\btalent pool"
        r"|hold on to your details|\bon file\b",
        1,
    ),
    (r"\b(?:re-?apply|apply again)\b", 1),
    (
        r"\b(?:no|not able to give|unable to (?:provide|give|offer)|cannot (?:provide|give|offer)"
        r"|can't (?:provide|give|offer)|aren't able to (?:give|provide)) (?:individual |personal"
        r" |detailed )?feedback",
        1.5,
    ),
    (r"\bhave not heard from us\b", -1),  # an acknowledgement warning of a silent no
    (
        r"\boffer (?:the |this |our )?(?:[\w-]+ ){0,3}(?:spot|position|role|job"
        r"|place) to (?:someone"
        r"|another|a different|the other|a candidate)",
        3,
    ),
    (r"\bdid not (?:reach|pass|achieve)|\bdetermined that|\bminimum requirements", 2),
    (
        r"\bafter (?:careful |carefully |a lot of )?(?:review|reviewing|consideration|considering"
        r"|discussion)",
        1,
    ),
    # German.
    (r"\babsage\b|\babsagen mussen\b", 3),
    (r"\bleider\b", 1),
    (r"nicht (?:weiter |mehr )?(?:berucksichtig|beruecksichtig|verfolg|in betracht)", 3),
    (r"anderweitig (?:besetzt|vergeben)", 3),
    (
        r"\bfur (?:eine?n?|jemand\w*) (?:[\w*]+ ){0,5}entschieden|\bmit (?:einer? |einem )?anderen?"
        r" (?:kandidat|bewerber|person)",
        3,
    ),
    (
        r"(?:fur|gegen) (?:eine?n? )?(?:andere[nrs]?|weitere) (?:kandidat|bewerber|person|losung)"
        r"|fur jemand(?:en)? (?:anderen|mit)|andere (?:kandidat|bewerber)",
        2.5,
    ),
    (r"nicht in die engere auswahl", 3),
    (
        r"keine (?:positive|bessere|gute) (?:nachricht|ruckmeldung)|kein angebot machen"
        r"|wird es (?:dieses mal|diesmal) nichts|gegen eine fortsetzung|einstellungsstopp"
        r"|interne losung|\bbedauern\b|zuruckgezogen|vorerst nicht (?:zu )?besetzen"
        r"|nicht (?:neu )?besetzt",
        2.5,
    ),
    (
        r"nicht (?:zu|zum) (?:den anforderungen|unserem|unseren)|passt nicht|nicht ganz gereicht"
        r"|unterfordert",
        2,
    ),
    (
        r"(?:wunsche|wunschen) (?:ihnen|dir)\b.{0,60}(?:alles gute|viel erfolg)|weiteren (?:beruf"
        r"lichen )?weg|alles gute fur",
        1.5,
    ),
    (r"unterlagen .{0,50}(?:loschen|zuruck|aufbewahren)|erneute bewerbung", 1),
    # French.
    (
        r"(?:pas|plus) (?:y )?donner (?:une )?suite|ne donner\w* (?:donc )?pas suite"
        r"|pas en mesure de donner|suite favorable",
        3,
    ),
    (r"\bpas (?:ete )?retenue?s?\b|\bpas retenir\b|retenu (?:un|une) autre|avons retenu un", 3),
    (r"\bau regret\b|\bregret de\b|\bnous regrettons\b", 2.5),
    (r"\bmalheureusement\b|\bdesole", 1),
    (
        r"(?:poursuivre|continuer|avancer) avec d'autres|d'autres (?:candidats|profils)"
        r"|(?:un|une) autre (?:profil|candidat|candidate|personne)|privilegier (?:des|d'autres)"
        r" profils",
        2.5,
    ),
    (r"poste (?:a ete|est deja|est) (?:pourvu|pris)|pourvu en interne|\bdeja pris\b", 3),
    (
        r"\bpas aller plus loin|ne (?:va|vais|allons) pas aller plus loin|\bpas (?:de |la )?"
        r"poursuivre|ne correspond pas|proposer le poste a (?:une|un) autre",
        2.5,
    ),
    (
        r"\b(?:choisi|opte pour|retenu) (?:un|une) autre|\bchoisi (?:un|une) (?:autre )?"
        r"(?:profil|candidat)",
        3,
    ),
    (r"gel des recrutements|recrutement en pause|mettre ce recrutement en pause", 2.5),
    (r"bonne continuation|pleine reussite|belle continuation|succes dans vos recherches", 1.5),
    # Spanish.
    (
        r"\bno (?:continuaremos|seguiremos|avanzaremos|continuaras|avanzaras|seguiras)"
        r"|\bno (?:vamos a |podremos |podemos )?(?:seguir|continuar|avanzar)\b",
        3,
    ),
    (r"\blamentamos (?:comunicar|informar)", 2.5),
    (r"\blamentablemente\b|\blamentamos\b|\bpor desgracia\b", 1),
    (r"\bno (?:ha|has) sido seleccionad|\bno ha resultado seleccionad", 3),
    (r"(?:vacante|puesto|posicion) (?:ya )?(?:ha sido|fue) cubiert|cubiert[ao] internamente", 3),
    (
        r"\b(?:otr[oa]s?) (?:perfil|candidat|persona)|decidido por otra|optado por (?:otros )?"
        r"(?:candidatos|perfiles)",
        2.5,
    ),
    (
        r"congelado las contrataciones|congelacion de contrataciones|proceso queda cerrado"
        r"|puesto en pausa",
        2.5,
    ),
    (r"\bno se ajusta\b|\bno encaja\b", 2),
    (r"\bmucha suerte\b|\bmucho exito\b|\bte deseamos\b|\bte deseo lo mejor\b", 1.5),
]

INTERVIEW_CUES: list[Cue] = [
    (r"\binterview", 1.5),
    (
        r"\binvit\w* (?:you )?(?:to|for) (?:an? |your |the |our )?(?:[\w-]+ ){0,3}(?:interview|call"
        r"|chat|conversation|meeting|assessment cent|onsite|on-site|video)",
        3,
    ),
    (
        r"\b(?:schedule|book|arrange|set up|organi[sz]e|pick|select|choose|grab) (?:a |an |your "
        r"|the |"
        r"some |three |any )?(?:[\w-]+ ){0,2}(?:time|times|slot|slots|interview|call|chat|meeting"
        r"|conversation|screen)",
        3,
    ),
    (
        r"\b(?:share|send|let me know|confirm|select|indicate) (?:us |me )?(?:your )?availability"
        r"|\bare you (?:free|available|around)|\bwould .{0,40} (?:work|suit) (?:for )?you"
        r"|\bdoes .{0,30} work for you|\bworks for you|\bwhat does your schedule|\bwould you have"
        r" \d+ minutes|\bcould you (?:do|come)|\bcan you come|\bcould we (?:arrange|move)",
        2.5,
    ),
    (
        r"calendly|cal\.com|meet\.google|zoom\b|teams link|google meet|microsoft teams|video call"
        r"|phone screen|screening call|phone interview|onsite|on-site|final round|next round"
        r"|second interview|first interview|trial shift|meet the team|meet you|like to meet"
        r"|love to meet|meet with|bring you in|come by|come in for|pair programming",
        2,
    ),
    (
        r"\breschedul\w*|\bmove (?:our|your|the) (?:interview|call|meeting)|\b(?:interview|call"
        r"|meeting)\b.{0,40}\b(?:cancel\w*|rebook\w*|moved|postpone\w*)|\b(?:cancel\w*|postpone\w*)"
        r"\b.{0,40}\b(?:interview|call)\b|\brebook",
        2.5,
    ),
    (
        r"\b(?:interview|attendance|place) (?:is |has been )?(?:confirmed|scheduled)|\bconfirm"
        r"(?:s|ed)? (?:your )?(?:interview|attendance|place)|\bhas been scheduled|\bconfirm"
        r" (?:that )?this time",
        3,
    ),
    (
        r"\b(?:will|would|may) be (?:invited|contacted)|\bif (?:you are |your application is |"
        r"your qualifications |there's a |there is a )?(?:selected|shortlisted|fit|match)"
        r"|\bshortlisted candidates",
        -2,
    ),
    (r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2} ?(?:am|pm|uhr)\b|\b\d{1,2}h(?:\d{2})?\b", 1),
    (
        r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\bnext week\b|\bthis week\b"
        r"|\btomorrow\b",
        0.5,
    ),
    # German.
    (
        r"vorstellungsgesprach|bewerbungsgesprach|kennenlerngesprach|zweitgesprach"
        r"|tech-interview|probearbeit|\bgesprach\b|\btelefonat\b",
        2,
    ),
    (r"\beinladung\b|\beinladen\b|\blade\w* (?:sie|dich)\b|kennenlernen|kennenlernt", 2),
    (
        r"\btermin\w*\b|\bslot\b|verfugbarkeit|\bpasst (?:dir|ihnen)|zeit fur|hattest du .{0,30}"
        r"zeit|hatten sie .{0,30}zeit|waren sie .{0,40}verfugbar|\bvorbeikommen\b",
        2,
    ),
    (r"\bverschieb\w*|\bverschoben\b|\babgesagt\b|\babsagen\b|neuen? terminvorschlag", 2),
    (r"\bnachste(?:n)? (?:schritt|runde)", 1),
    # French.
    (r"\bentretien", 1.5),
    (
        r"\bconvi\w*\b|\bconvoca\w*|\binviter\b|proposer un (?:premier )?(?:entretien|echange"
        r"|appel)|\brencontrer\b|\bpasser a l'atelier|\bon se rencontre",
        2.5,
    ),
    (
        r"(?:etes-vous|seriez-vous|serais-tu|es-tu) disponible|\bdisponible pour"
        r"|\bvos disponibilites"
        r"|\btes disponibilites|\bcreneau|\bvisio\b|\btelephonique\b|\bplanifions\b"
        r"|organiser un (?:premier )?appel",
        2,
    ),
    (r"\bdecaler\b|\breport(?:er)?\b|\bannuler\b|nouvelle date", 2),
    # Spanish.
    (r"\bentrevista", 1.5),
    (r"\binvitar\w*|\bconvoca\w*|\bcitacion\b|\bconocerte\b|\bconocieras\b|\bconocerle\b", 2.5),
    (
        r"\bdisponibilidad|\bhorario|\bhueco|\bagenda\w*|\breserva\b|\bvideollamada|\bllamada"
        r"|\bplatiquemos\b|\bhablemos\b|puedes venir|te vendria bien|que te parece",
        2,
    ),
    (r"\breprogramar|cambio de fecha|nueva fecha|volveremos a programar", 2),
]

ACKNOWLEDGEMENT_CUES: list[Cue] = [
    (
        r"\b(?:received|receipt of|got|have) your (?:application|cv|resume|submission|portfolio)"
        r"|\bapplication (?:has been |was |is |has )?(?:received|submitted|reached us|complete)"
        r"|\bsuccessfully (?:applied|submitted|received)|\bsubmission is complete"
        r"|\bconfirm(?:s|ing)? (?:that )?(?:we have )?(?:received|receipt)|\backnowledge"
        r"|\bapplication\b.{0,60}\b(?:has been received|was received|reached us|has been submitted"
        r"|was submitted|is complete)|\b(?:application|candidature) confirmation"
        r"|\bconfirmation of (?:your )?application",
        3,
    ),
    (
        r"\bthank(?:s| you) for (?:applying|your application|submitting|sending|throwing)"
        r"|\bthanks for your interest\b",
        1,
    ),
    (
        r"\bwill review|\bwe(?:'ll| will) (?:review|be in touch|get back|contact you|reach out"
        r"|let you know|look)|\bunder review\b|\breviewing (?:it|applications|your)"
        r"|\bget back to (?:you|all)|\bhang tight\b|\bbear with us|\btrack (?:its|your) status"
        r"|\b(?:are|we're|is being|currently|now) reviewing"
        r"|\bcheck your application status|\bquote this",
        2,
    ),
    (r"\bafter (?:careful |carefully )?(?:review|reviewing|consideration)", -1),
    # German.
    (
        r"\b(?:bewerbung|unterlagen|bewerbungsunterlagen)\w* .{0,50}(?:erhalten|eingegangen"
        r"|angekommen|ubermittelt)|eingangsbestatigung|\bden eingang|\bbewerbungseingang",
        3,
    ),
    (r"\beingang\w*|\beingegangen\b|\berhalten\b|\bangekommen\b|\bubermittelt\b", 1),
    (r"\bsichte\w*|\bprufen\b|\bmelden uns\b|\bkandidatenportal einsehen", 1.5),
    (r"\bgeduld\b", 0.5),
    # French.
    (
        r"\bbien (?:ete )?(?:recu|reçu|arrivee|enregistree|transmise)|accus\w* (?:bonne )?reception"
        r"|accuse de reception|confirmons la reception|envoyee avec succes",
        3,
    ),
    (
        r"revien\w* vers (?:vous|toi)|on regarde|etudiera|examinee|suivre son avancement"
        r"|tiens au courant|sera etudiee",
        1.5,
    ),
    # Spanish.
    (
        r"\bhemos recibido|\brecibimos\b|acusamos recibo|acuse de recibo|confirmamos la recepcion"
        r"|enviado correctamente|registrada correctamente|llegado correctamente|ya esta con"
        r" nosotros|has enviado",
        3,
    ),
    (
        r"\brevisaremos\b|estamos revisando|\brevisara\b|mantendremos informad|nos pondremos en"
        r" contacto|te responderemos|te escribiremos",
        1.5,
    ),
]

OFFER_CUES: list[Cue] = [
    (
        r"\boffer letter|\b(?:pleased|delighted|excited|happy|thrilled|glad) to (?:offer|extend"
        r"|make you|confirm our offer)|\b(?:like|love|want) to offer you|\boffer you the"
        r"|\bextend you an offer|\boffer of employment|\byour offer\b|\brevised offer|\bwritten"
        r" offer|\bjob is yours|\bupdate the offer|\bupdate your offer|\bconditional offer",
        3,
    ),
    (r"\boffer\b", 1),
    (
        r"\bsalary\b|\bbase\b|signing bonus|start date|\bpackage\b|\bcompensation\b|\bcontract\b"
        r"|\bsign\b|e-sign|\bjoin (?:us|the team|tessellate|[a-z]+) as\b"
        r"|welcome (?:\(almost\) )?aboard"
        r"|\b\d{2,3}k\b",
        1,
    ),
    # German.
    (
        r"vertragsangebot|arbeitsvertrag|vertragsentwurf|\bzusage\b|\bzusagst\b|\banbieten\b"
        r"|\bangebot\b|hatten (?:dich|sie) gerne|im team begrussen",
        2.5,
    ),
    (r"\bgehalt|fixgehalt|\bstart am\b|\bim team\b|\bdabei!", 1),
    # French.
    (
        r"proposition d'embauche|promesse d'embauche|vous proposer le poste|proposer le poste"
        r"|faire une offre|offre detaillee|contrat de travail|t'accueillir|vous accueillir",
        3,
    ),
    (r"\bremuneration|\bsalaire|\bbrut annuel|\bdate de demarrage|\bproposition\b", 1),
    # Spanish.
    (
        r"carta de oferta|\bofrecerte|\bofrecerle|propuesta de contratacion|el puesto es tuyo"
        r"|contar contigo|\bte unieras|actualizo la oferta|oferta formal",
        3,
    ),
    (r"\boferta\b|\bsalario|\bincorporacion|\bcontrato\b|\bbonus\b|\bempiezas\b", 1),
]

ASSESSMENT_CUES: list[Cue] = [
    (
        r"\btake-?home|\bcoding (?:challenge|exercise|test)|\btechnical (?:test|challenge|exercise"
        r"|assessment)|\bcase study|\bonline (?:test|assessment)|\baptitude|\breasoning\b"
        r"|\bquestionnaire|\bhackerrank|\bcodility|\bcodesignal|\bcapture-the-flag"
        r"|\bdesign exercise|\bwriting test|\bwritten task|\bpre-interview exercise"
        r"|\bcognitive ability|\bassessment\b(?! cent)",
        3,
    ),
    (r"\bexercise\b|\bassignment\b|\btest\b|\btask\b|\bchallenge\b|\bbrief\b", 1),
    (
        r"\bthank(?:s| you) for (?:completing|submitting|taking|sending)"
        r"|\bfollowing the (?:technical "
        r")?(?:screening|test|assessment)|\bresults?\b|\bgracias por completar|\bresultados"
        r"|\bresultats|\bergebnisse|\bconsacre au test",
        -2,
    ),
    (
        r"\bby (?:\w+ ){0,2}\d{1,2}|\bdeadline\b|\bwithin \d+ (?:hours|days)|\bexpires?\b|\bvalid"
        r" (?:for|until)|\bno later than|\bcomplete (?:it|all|the)|\bsubmit\b|\bsend (?:us )?your"
        r" (?:solution|work|slides)|\btime limit|\bbefore \d",
        1.5,
    ),
    # German.
    (
        r"probeaufgabe|\baufgabe\b|\bfallstudie|eignungstest|online-assessment|\bart test"
        r"|technischen? test",
        3,
    ),
    (
        r"\bbearbeiten\b|\bbis (?:zum|spatestens)|\beinreichen\b|\babsolvieren\b|\bgultig\b"
        r"|eine woche zeit",
        1.5,
    ),
    # French.
    (r"test technique|etude de cas|\bexercice\b|tests? d'aptitudes|tests de personnalite", 3),
    (r"\ba rendre\b|\bavant le\b|rendre votre|\bsous \d+ jours|\bd'ici\b", 1.5),
    # Spanish.
    (
        r"prueba tecnica|ejercicio tecnico|caso practico|pruebas psicotecnicas|evaluacion tecnica"
        r"|evaluacion en linea|reto de diseno",
        3,
    ),
    (r"\bentregar\w*|\bcompleta\w*|\bantes del\b|\bcomo maximo\b|\bcaduca\b|\bdispones de", 1.5),
]

# Look-alikes: what makes a message that sounds like recruiting mail something else.
OTHER_CUES: list[Cue] = [
    (
        r"unsubscribe|abbestellen|\babmelden\b|desinscrire|desabonner|darse de baja"
        r"|manage (?:your )?"
        r"alerts|edit alert|gerer mes alertes|gestionar alertas|suchauftrag|marketing emails",
        4,
    ),
    (
        r"\bnewsletter|\bblog\b|\barticle|\bartikel|\bread more\b|\blire l'article|leer el articulo"
        r"|\bnew post\b|\bzum artikel",
        2.5,
    ),
    (
        r"job alert|\bnew jobs\b|\bjobs for\b|neue jobs|nouvelles offres|nuevas ofertas|jobs? match"
        r"|roles that match|weekly matches|similar jobs|ahnliche jobs|offres similaires|empleos "
        r"similares|\bjobs? (?:you might|that match)|match your search|passen zu ihrem",
        4,
    ),
    (r"\byou saved\b|\bgemerkt\b|\bsauvegard\w*|\bguardaste\b", 4),
    (
        r"\bno longer accepting applications|n'accepte plus de candidatures"
        r"|ya no acepta solicitudes"
        r"|nicht mehr verfugbar",
        1.5,
    ),
    (
        r"\bpayment\b|\binvoice\b|\bcard\b|\bbilling\b|\bsubscription\b|\btransaction\b|\bzahlung"
        r"|\babbuch\w*|\bpaiement|\bfacture\b|\bprelevement|\bfactura\b|\btarjeta\b|\bcobrar\b"
        r"|metodo de pago|\bpayslip\b|\bstorage\b|\boperacion\b",
        3,
    ),
    (
        r"\byour talk\b|\btalk proposal|\bproposition de talk|\bcfp\b|call for papers"
        r"|program(?:me)? committee|\bspeakers?\b|\bvortrag|programmkomitee|comite de programme?a?"
        r"|\bcharla\b|\byour session\b|this year's programme|ins programm|para el programa",
        3.5,
    ),
    (
        r"\bconference\b|\bkonferenz|\bconferencia|\bproposal\b|\bsubmission\b|\bpropuesta\b"
        r"|\bproposition\b|\beinreichung",
        1,
    ),
    (
        r"came across your profile|aufmerksam geworden|i'm a recruiter|recruiter specialising"
        r"|he visto tu perfil|je me permets de vous contacter|spannende position"
        r"|exciting opportunity|are you still looking|\bopportunit(?:y|e|ies)\b:|\boportunidad\b:"
        r"|\bopportunite\b|\bmy clients?\b|\bun de nos clients|\bpara un cliente"
        r"|\bone of our clients"
        r"|\bclients hiring|\bfor a client\b|\bbei einem (?:mittelstandler|kunden)",
        3,
    ),
    (
        r"open to (?:new )?opportunit|(?:would|are) you (?:be )?open to|ouverte? a un echange"
        r"|te apetece que hablemos|hatten sie interesse|\binteresse an einem",
        2,
    ),
    (
        r"as (?:a )?reference|reference request|als referenz|referenzanfrage|comme reference"
        r"|demande de references|como referencia|solicitud de referencias|listed you",
        4,
    ),
    (
        r"\bflight\b|\btrain\b|\bverbindung\b|\bvol\b|\btren\b|\bbillet\b|\breservation\b"
        r"|\bpaket\w*|\bdelivery\b|\breembolso\b|\brefund\b|\btrip\b|\byour receipt\b"
        r"|\bmoving\b|\bappointment\b|\bdentist|\brendez-vous\b",
        2,
    ),
    (r"\bcoffee\b", 1),
    (
        r"\bsurvey\b|share your (?:interview |candidate )?experience|\bbewerte\b|how was your"
        r"|wie war dein|help other|\bcandidate experience",
        3,
    ),
    (
        r"\bintro:|i'll let you two|willkommen im team|welcome to the team|first day|ersten tag"
        r"|now that you've signed|laptop and accounts|documents",
        2.5,
    ),
    (
        r"verify your email|\bpassword\b|candidate profile|resume score|complete profile"
        r"|update your (?:contact details|preferences)|was viewed|viewed by|oauth|certificate"
        r"|completing your course|contact details|broken|returns a 404|mind if i pass",
        3,
    ),
    (
        r"we're hiring|we are hiring|open house|impact report|\brsvp\b|\bnew roles\b|interviews "
        r"starting next month|referral",
        2.5,
    ),
    (r"\bcongrats on the new job|keeping in touch|grab a coffee|no problem at all", 2.5),
    (r"\bpleasure to meet|\byou're very welcome\b", 2),
]

# Words that put a message in the world of applications and jobs.
CONTEXT = re.compile(
    r"\bapplica|\bappl(?:y|ied|ying)\b|\bcandida|\bposition|\brole\b|\bvacanc|\bjob\b|\bopening"
    r"|\brequisition|\bpost\b|\bhire\b|\bhiring|\brecruit|\binterview|\boffer\b|\bcv\b|\bresume"
    r"|\bportfolio|\bbewerb|\bstelle\b|\bkandidat|\bposte\b|\bentretien|\bpuesto|\bvacante"
    r"|\bposicion|proceso de seleccion|\bseleccion\b|\bsolicitud|\bpostul|\bteam\b|\bequipo"
    r"|\bequipe|\bcontract"
    r"|\bvertrag|\bcontrat|\bprozess|\bprocess|\bproceso|\bshift\b|\bprobearbeit|\bgesprach"
    r"|\bentrevista|\bround\b|\bnext steps?\b|\bcurriculum|\baufgabe|\bprueba|\breto\b"
    r"|\bexercice|\bexercise|\bmanager\b|\bengineer|\bdeveloper|\banalyst|\bdesigner"
    r"|\bconsultant|\bspecialist|\bcoordinator|\bofficer\b|\bdirector|\bassistant|\bintern\b"
    r"|\bingenieu|\bentwickler|\bberater|\bingenier|\bdesarrollador|\banalista|\bresponsable"
    r"|\bchef\b|\bcharge|\bdirecteur"
)


Compiled = tuple[re.Pattern[str], re.Pattern[str], float]


def _compile(cues: list[Cue]) -> list[Compiled]:
    """Each cue twice: without its word boundaries first, a quick test that rules most cues out
    (Python's ``re`` scans fast for a pattern that starts with a letter, not with ``\\b``), then
    as written."""
    return [
        (re.compile(pattern.replace(r"\b", "")), re.compile(pattern), weight)
        for pattern, weight in cues
    ]


CUES: dict[str, list[Compiled]] = {
    REJECTION: _compile(REJECTION_CUES),
    INTERVIEW: _compile(INTERVIEW_CUES),
    ACKNOWLEDGEMENT: _compile(ACKNOWLEDGEMENT_CUES),
    OFFER: _compile(OFFER_CUES),
    ASSESSMENT: _compile(ASSESSMENT_CUES),
    OTHER: _compile(OTHER_CUES),
}


@dataclass(frozen=True)
class Verdict:
    kind: str
    confidence: float
    scores: dict[str, float]

    @property
    def uncertain(self) -> bool:
        return self.confidence < UNSURE_BELOW


def normalise(text: str) -> str:
    """Case-folded, accents removed, one kind of apostrophe, spaces collapsed."""
    text = text.casefold().replace("’", "'").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split())


def matching_cues(text: str, cues: list[Compiled]) -> list[tuple[str, float]]:
    return [
        (pattern.pattern, weight)
        for quick, pattern, weight in cues
        if quick.search(text) and pattern.search(text)
    ]


def classify_text(subject: str, body: str = "") -> Verdict:
    """The kind of a message with this subject and own text, and how sure that is (0 to 1)."""
    text = normalise(f"{subject}\n{body}")
    scores = {
        kind: max(sum(weight for _, weight in matching_cues(text, CUES[kind])), 0.0)
        for kind in KINDS
    }
    if not CONTEXT.search(text):
        for kind in (REJECTION, INTERVIEW, OFFER):  # their cues include everyday words
            scores[kind] *= NO_CONTEXT_FACTOR
    scores[OTHER] += OTHER_BASELINE
    ranked = sorted(KINDS, key=lambda kind: (-scores[kind], KINDS.index(kind)))
    best, second = scores[ranked[0]], scores[ranked[1]]
    confidence = best / (best + second + 0.5)
    return Verdict(kind=ranked[0], confidence=round(confidence, 2), scores=scores)


def classify(subject: str, body: str = "") -> str:
    """The kind alone (one of ``KINDS``)."""
    return classify_text(subject, body).kind
