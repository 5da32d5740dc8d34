"""Question wording in German and French: the ``QuestionTranslation`` model, a language for
each wording revision (the existing history is English), and default German and French wording
for every question of the wizard.

The default wording translates the English wording of migrations 0002, 0005, 0006 and 0011,
with the official terms of the German and French versions of the AI Act (docs/terminology.md).
Figures and dates of the law stay placeholders such as ``{systemic_threshold}``, filled in each
language's notation by ``questionnaire.wording.wording_placeholders(language=...)``.

Re-running the data step writes only translations that do not exist yet: wording that admins
have edited since is never overwritten.
"""

from typing import Any

import django.db.models.deletion
from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.utils import timezone

LL = "Leitlinien der Kommission zu den Pflichten für Anbieter von KI-Modellen mit allgemeinem Verwendungszweck, C(2025) 5045"
ZAHLEN = "Zahlen können als 7B, 15,6T, 3,2 × 10^24 oder 1.000.000 geschrieben werden."
JN: dict[str, str] = {"yes": "Ja", "no": "Nein"}

DE: dict[str, tuple[str, str, dict[str, str]]] = {
    "model_name": (
        "Wie heißt das Modell?",
        "Name und Version, unter denen das Modell bekannt ist oder veröffentlicht wird, zum Beispiel „Example-7B v2“.\n\nSie bezeichnen das Modell im Bewertungsdatensatz und im Bericht.",
        {},
    ),
    "role": (
        "In welcher Rolle stehen Sie zu diesem Modell?",
        f"Ihre Rolle entscheidet, welche Fragen folgen und welche Pflichten für Sie gelten können.\n\nEntwickler: Sie haben das Modell trainiert oder für sich trainieren lassen. Modifizierer (nachgelagerter Modifizierer): Sie haben die Gewichte des Modells eines anderen Anbieters feinabgestimmt oder auf andere Weise verändert. Integrator: Sie bauen das Modell eines anderen Anbieters in Ihr eigenes KI-System ein, ohne seine Gewichte zu verändern; das allein macht Sie nicht zum Anbieter des Modells. {LL}, Abschnitte 3.1.3 und 3.2.",
        {
            "developer": "Entwickler: Wir haben das Modell trainiert oder für uns trainieren lassen",
            "modifier": "Modifizierer: Wir haben das Modell eines anderen Anbieters feinabgestimmt oder verändert",
            "integrator": "Integrator: Wir bauen das Modell eines anderen Anbieters in unser KI-System ein, ohne seine Gewichte zu verändern",
        },
    ),
    "upstream_excluded_eu": (
        "Hat der außerhalb der EU niedergelassene Anbieter des Modells die EU ausgeschlossen?",
        f"Antworten Sie nur dann mit Ja, wenn der vorgelagerte Anbieter außerhalb der EU niedergelassen ist und die EU klar und unmissverständlich ausgeschlossen hat.\n\nAntworten Sie nur dann mit Ja, wenn der vorgelagerte Anbieter außerhalb der EU niedergelassen ist und den Vertrieb und die Verwendung des Modells in der EU, einschließlich seiner Integration in Systeme für die EU, klar und unmissverständlich ausgeschlossen hat (zum Beispiel in seiner Lizenz oder seinen Nutzungsbedingungen). Sie werden dann durch das Inverkehrbringen Ihres Systems auf dem Unionsmarkt zum Anbieter des Modells und werden wie ein Entwickler bewertet. {LL}, Abschnitt 3.1.3.",
        {
            "yes": "Ja: Er hat den Vertrieb und die Verwendung in der EU klar und unmissverständlich ausgeschlossen",
            "no": "Nein, oder nicht klar und unmissverständlich",
        },
    ),
    "placement": (
        "Wo steht das Modell in Bezug auf den Unionsmarkt?",
        f"Der heutige Stand des Modells. „Nur Forschung“, „EU ausgeschlossen“ und „Nur interne Verwendung“ gelten nur unter strengen Voraussetzungen.\n\nIn Verkehr gebracht (Inverkehrbringen): erstmals in der EU bereitgestellt, zum Beispiel über eine API, eine Softwarebibliothek, eine öffentliche Download-Plattform, einen Cloud-Dienst, einen Chatbot oder eine App, oder eingebaut in Ihr eigenes KI-System auf dem Markt ({LL}, Abschnitt 3.1.2). Geplant: trainiert oder zu trainieren im Hinblick auf das Inverkehrbringen; die Pflichten können mit dem großen Vortrainingslauf vor der Veröffentlichung beginnen (Abschnitt 2.2). Nur Forschung, EU ausgeschlossen und interne Verwendung sind kein Inverkehrbringen, aber nur unter den strengen Voraussetzungen der jeweiligen Auswahl (Art. 2 Abs. 8, Art. 3 Nr. 63 und Erwägungsgrund 97 KI-Verordnung; Leitlinien, Abschnitte 3.1.2 und 3.1.3).",
        {
            "placed": "Auf dem Unionsmarkt in Verkehr gebracht (API, Download, Cloud-Dienst, App, unser eigenes KI-System …)",
            "planned": "Geplant: trainiert oder im Training im Hinblick auf das Inverkehrbringen auf dem Unionsmarkt",
            "research_only": "Nur Forschung: ausschließlich für Forschungs- und Entwicklungstätigkeiten oder die Konzipierung von Prototypen verwendet, ohne beabsichtigtes Inverkehrbringen",
            "excluded_eu": "EU ausgeschlossen: Wir sind außerhalb der EU niedergelassen und haben den Vertrieb und die Verwendung in der EU klar und unmissverständlich ausgeschlossen",
            "internal_only": "Nur interne Verwendung: rein interne Abläufe, nicht wesentlich für ein Produkt oder eine Dienstleistung für Dritte und ohne Auswirkungen auf die Rechte von Personen",
        },
    ),
    "placed_on": (
        "Wann wurde oder wird das Modell erstmals auf dem Unionsmarkt in Verkehr gebracht?",
        f"Das Datum des ersten Inverkehrbringens auf dem Unionsmarkt, tatsächlich oder geplant; bei ausschließlich interner Verwendung das Datum, an dem die interne Verwendung begann.\n\nDie Pflichten gelten ab dem Inverkehrbringen, doch ein vor dem {{obligations_apply_from}} in Verkehr gebrachtes Modell muss sie erst bis zum {{legacy_compliance_by}} erfüllen. Art. 111 Abs. 3 und Art. 113 Buchst. b KI-Verordnung; {LL}, Abschnitt 5.3.",
        {},
    ),
    "established_in_eu": (
        "Ist der Anbieter in der EU niedergelassen?",
        "Antworten Sie mit Nein, wenn der Anbieter ausschließlich außerhalb der EU niedergelassen ist.\n\nEin Anbieter außerhalb der EU muss vor dem Inverkehrbringen des Modells schriftlich einen in der EU niedergelassenen Bevollmächtigten benennen. Art. 54 KI-Verordnung.",
        {
            "yes": "Ja: in der EU niedergelassen",
            "no": "Nein: ausschließlich außerhalb der EU niedergelassen",
        },
    ),
    "generates": (
        "Was kann das Modell erzeugen?",
        f"Kreuzen Sie jede Art von Ausgabe an.\n\nDas Erzeugen von Sprache (Text, Code, gesprochene Sprache), Bildern oder Videos ist Teil des indikativen Kriteriums für ein KI-Modell mit allgemeinem Verwendungszweck; ein Modell, das nur anderes erzeugt, etwa Schachzüge oder Wettervorhersagen, erfüllt es nicht. {LL}, Abschnitt 2.1.",
        {
            "text": "Text (einschließlich Code)",
            "audio": "Audio mit Sprache (gesprochene Sprache, gesungene Texte)",
            "image": "Bilder (aus Text, Hochskalierung, Inpainting)",
            "video": "Video",
            "other": "Anderes (Soundeffekte ohne Sprache, Spielzüge, Vorhersagen, Klassifizierungen)",
        },
    ),
    "generality": (
        "Wie breit ist das Spektrum der Aufgaben, die das Modell ausführen kann (erhebliche allgemeine Verwendbarkeit)?",
        f"Breit, wenn das Modell ein breites Spektrum unterschiedlicher Aufgaben kompetent erfüllt; eng nur, wenn Sie das begründen können.\n\nBreit: Das Modell erfüllt ein breites Spektrum unterschiedlicher Aufgaben kompetent, wie allgemeine Chat-, Sprach-, Bild- oder Videomodelle. Eng: Es führt eine bestimmte Art von Aufgabe aus, auch wenn es mit viel Rechenleistung trainiert wurde; die Beispiele der Leitlinien sind Spracherkennung (Transkription), Text-zu-Sprache, Hochskalierung von Bildern, Inpainting, Musikerzeugung aus Text und Soundeffekte mit Sprache geringer Qualität, und Sie müssen diese Antwort begründen können. Art. 3 Nr. 63 KI-Verordnung; {LL}, Abschnitt 2.1.",
        {
            "wide": "Breit: Es erfüllt ein breites Spektrum unterschiedlicher Aufgaben kompetent",
            "narrow": "Eng: Es führt eine bestimmte Art von Aufgabe aus",
            "unsure": "Nicht sicher: als offene Frage ausweisen",
        },
    ),
    "modification.original_name": (
        "Welches Modell haben Sie verändert?",
        "Name und Version des ursprünglichen Modells, wie sein Anbieter sie veröffentlicht, zum Beispiel „Example-70B-Instruct v1.1“.",
        {},
    ),
    "modification.original_flop_known": (
        "Kennen Sie die Trainingsrechenleistung des ursprünglichen Modells?",
        f"Sein Anbieter veröffentlicht sie möglicherweise, zum Beispiel in den Informationen für nachgelagerte Anbieter oder in der Modellkarte.\n\nIst sie unbekannt und lässt sie sich nicht schätzen, liegt die Schwelle bei {{modification_fraction}} von {{gpai_threshold}} oder, bei einem ursprünglichen Modell mit systemischem Risiko, von {{systemic_threshold}}. {LL}, Abschnitt 3.2.",
        {
            "known": "Bekannt, oder wir können sie schätzen",
            "unknown": "Unbekannt, und wir können sie nicht schätzen",
        },
    ),
    "modification.original_flop": (
        "Wie hoch war die Trainingsrechenleistung des ursprünglichen Modells, in FLOP?",
        f"Bei einem ursprünglichen Modell mit systemischem Risiko die kumulierte Menge der für sein Training verwendeten Berechnungen.\n\nSie werden Anbieter des veränderten Modells, wenn Ihre Veränderung mehr als {{modification_fraction}} dieser Rechenleistung verwendet hat. {ZAHLEN} {LL}, Abschnitt 3.2.",
        {},
    ),
    "modification.original_systemic_risk": (
        "Hat das ursprüngliche Modell ein systemisches Risiko?",
        f"Ja, wenn das ursprüngliche Modell ein KI-Modell mit allgemeinem Verwendungszweck mit systemischem Risiko ist, zum Beispiel weil sein Anbieter dies der Kommission mitgeteilt hat oder die Kommission es benannt hat.\n\nBei einer erheblichen Veränderung eines solchen Modells wird ebenfalls ein systemisches Risiko vermutet. Art. 51 und Art. 52 KI-Verordnung; {LL}, Abschnitt 3.2.2.",
        dict(JN),
    ),
    "modification.earlier_modifications_flop": (
        "Welche Rechenleistung haben Ihre früheren Veränderungen dieses Modells verwendet, in FLOP?",
        f"Wenn Sie dasselbe ursprüngliche Modell schon früher verändert haben, geben Sie die Trainingsrechenleistung jeder früheren Veränderung an, eine je Feld.\n\nDie Leitlinien sagen nicht, wie sich Veränderungen addieren: Ihre Summe wird mit der Schwelle verglichen und als offene Frage ausgewiesen. {LL}, Abschnitt 3.2.",
        {},
    ),
    "compute.method": (
        "Wie möchten Sie die Trainingsrechenleistung schätzen?",
        f"Wählen Sie die Methode, die Ihre Zahlen tragen; die Fragen dieser Methode folgen.\n\nWählen Sie die Methode, die Ihre Zahlen tragen: die FLOP-Zahl direkt angeben; aus der Architektur, als Parameter × Trainings-Token × {{architecture_factor}} (für dichte Transformer-Modelle); oder aus der Hardware, als Chips × Stunden × Spitzen-FLOP/s je Chip × Auslastung. Welche Methode Sie auch verwenden, die Schätzung muss auf {{estimate_margin}} genau sein. Art. 51 Abs. 2 KI-Verordnung; {LL}, Anhang A.2.",
        {
            "direct": "Ich kenne die FLOP-Zahl",
            "architecture": "Aus Parametern und Trainings-Token ({architecture_factor} × Parameter × Token)",
            "hardware": "Aus der verwendeten Hardware (Chips × Stunden × Spitzen-FLOP/s × Auslastung)",
        },
    ),
    "compute.flop": (
        "Wie hoch war die Trainingsrechenleistung, in FLOP?",
        f"Die FLOP, die die Gewichte des Modells aktualisiert haben, zum Beispiel 3,2e24 oder 3,2 × 10^24.\n\nDie Gleitkommaoperationen (FLOP), die die Gewichte des Modells aktualisiert haben: Vortraining, Feinabstimmung und bestärkendes Lernen, unabhängig von der Genauigkeit; Evaluierungen und Red-Teaming müssen nicht mitgezählt werden. Schreiben Sie sie als 3,2 × 10^24 oder 3,2e24. {LL}, Anhang A.1.",
        {},
    ),
    "parameters": (
        "Wie viele Parameter hat das Modell?",
        "Die Gesamtzahl der Parameter (bei Mixture-of-Experts-Modellen alle Experten zusammen), zum Beispiel 7B oder 405B.\n\nDie technische Dokumentation benötigt sie unabhängig von der Methode. Anhang XI und Anhang XIII Buchst. a KI-Verordnung.",
        {},
    ),
    "training_tokens": (
        "Mit wie vielen Daten wurde das Modell trainiert, in Token?",
        f"Der Umfang der Trainingsdaten in Token, jede Epoche mitgezählt (zwei Durchläufe über 1T Token ergeben 2T), zum Beispiel 15,6T.\n\n{ZAHLEN} Anhang XIII Buchst. b KI-Verordnung.",
        {},
    ),
    "compute.mixture_of_experts": (
        "Ist es ein Mixture-of-Experts-Modell?",
        f"Kreuzen Sie an, wenn jedes Token nur von einem Teil der Parameter (Experten) verarbeitet wird.\n\nDie Rechenleistung wird dann aus den aktiven Parametern geschätzt; die Leitlinien sagen das nicht ausdrücklich, daher weist die Bewertung es als offene Frage aus. {LL}, Anhang A.2.",
        {},
    ),
    "compute.active_parameters": (
        "Wie viele Parameter sind je Token aktiv?",
        "Nur Mixture-of-Experts-Modelle: die Parameter, die jedes Token verarbeiten, zum Beispiel 37B aktive von insgesamt 671B.",
        {},
    ),
    "compute.check_method": (
        "Möchten Sie die Schätzung mit einer zweiten Methode gegenprüfen?",
        f"Optional: eine zweite, auf andere Weise erstellte Schätzung der Rechenleistung.\n\nWeichen die beiden Schätzungen um mehr als {{methods_margin}} voneinander ab, weist die Bewertung darauf hin und verwendet die erste. {LL}, Anhang A.2.",
        {
            "none": "Keine Gegenprüfung",
            "direct": "Ich kenne die FLOP-Zahl",
            "architecture": "Aus Parametern und Trainings-Token",
            "hardware": "Aus der verwendeten Hardware",
        },
    ),
    "synthetic_data_flop": (
        "Wie viel Rechenleistung wurde für das Erzeugen synthetischer Trainingsdaten aufgewendet, in FLOP?",
        f"Rechenleistung für das Erzeugen synthetischer Trainingsdaten, die nicht öffentlich verfügbar sind; geben Sie 0 ein, wenn keine.\n\nNur synthetische Daten, die nicht öffentlich verfügbar sind, zählen, mit der gesamten für ihre Erzeugung aufgewendeten Rechenleistung, verworfene Stichproben eingeschlossen (100 erzeugt, 10 behalten: alle 100 zählen). Sie kommt zur kumulierten Rechenleistung für die Schwelle des systemischen Risikos hinzu; geben Sie 0 ein, wenn keine. Art. 51 Abs. 2 und Erwägungsgrund 111 KI-Verordnung; {LL}, Anhang A.1.",
        {},
    ),
    "inherited_flop": (
        "Wie viel Rechenleistung hat andere Gewichte trainiert, von denen das Modell ausging oder mit denen es zusammengeführt wurde?",
        f"Rechenleistung, die andere Gewichte trainiert hat, von denen das Modell ausging oder mit denen es zusammengeführt wurde, in FLOP; 0, wenn keine.\n\nIn FLOP; leer lassen oder 0 eingeben, wenn keine. Zählen Sie nur Gewichte, die weder Ihre eigenen früheren Trainingsläufe noch das KI-Modell mit allgemeinem Verwendungszweck eines anderen Anbieters sind, zum Beispiel den Encoder eines Dritten oder ein kleineres Modell, selbst kein KI-Modell mit allgemeinem Verwendungszweck, mit dem das Modell initialisiert oder zusammengeführt wurde: Geben Sie die Rechenleistung an, die sie trainiert hat. Ihre eigenen früheren Läufe, die dieses Modell fortsetzt, gehören zu seiner oben angegebenen Trainingsrechenleistung. Ein Modell, das auf dem KI-Modell mit allgemeinem Verwendungszweck eines anderen Anbieters aufbaut, ist eine Veränderung: Wählen Sie stattdessen die Rolle des Modifizierers. Diese Rechenleistung kommt zur kumulierten Rechenleistung hinzu, die mit {{systemic_threshold}} verglichen wird; bei der Trainingsrechenleistung, die mit {{gpai_threshold}} verglichen wird, bleibt sie außer Betracht, eine Lesart, die die Bewertung als offene Frage ausweist. {ZAHLEN} {LL}, Anhang A.1.",
        {},
    ),
    "threshold_known_on": (
        "Wann wussten Sie, dass die Rechenleistung {systemic_threshold} überschreiten würde?",
        f"Das Datum, an dem bekannt wurde, dass die kumulierte Rechenleistung {{systemic_threshold}} überschreiten würde; leer, wenn die Schwelle nicht in Reichweite ist.\n\nDas Datum, an dem bekannt wurde, dass die kumulierte Rechenleistung {{systemic_threshold}} überschreiten wird (bei einer Veränderung eines Modells mit systemischem Risiko: dass Ihre Veränderung dessen Schwelle überschreiten würde); geplante Rechenleistung zählt mit, daher kann es vor dem Ende des Trainings liegen. Die Kommission ist unverzüglich, spätestens jedoch zwei Wochen nach diesem Datum zu unterrichten (Mitteilung); lassen Sie das Feld leer, wenn die Schwelle nicht in Reichweite ist. Art. 52 Abs. 1 KI-Verordnung; {LL}, Abschnitt 2.3.2.",
        {},
    ),
    "compute.periods.chips": (
        "Wie viele Chips (Beschleuniger) wurden verwendet?",
        "Die Anzahl der laufenden GPUs oder TPUs, zum Beispiel 16.384.\n\nBeginnen Sie einen neuen Zeitraum, wenn sich Anzahl oder Typ der Chips geändert hat; die Zeiträume werden addiert.",
        {},
    ),
    "compute.periods.hours": (
        "Wie viele Stunden liefen sie?",
        "Die tatsächlich verstrichenen Trainingsstunden in diesem Zeitraum (Tage × 24), zum Beispiel 1.300.\n\nWenn Sie nur Chip-Stunden (GPU-Stunden) kennen, geben Sie 1 Chip und hier die Chip-Stunden ein.",
        {},
    ),
    "compute.periods.accelerator": (
        "Welcher Chip?",
        "Wählen Sie den Chiptyp; sein Spitzendurchsatz bei 16 Bit stammt aus dem Regelwerk.\n\nFür jeden anderen Chip wählen Sie „Anderer Chip“ und geben seinen Spitzenwert an.",
        {"custom": "Anderer Chip: Ich gebe seine Spitzen-FLOP/s an"},
    ),
    "compute.periods.peak_flops": (
        "Wie hoch ist der Spitzendurchsatz des Chips, in FLOP/s?",
        "Nur bei einem anderen Chip: seine dichten 16-Bit-Operationen je Sekunde in der Spitze, zum Beispiel 989T.\n\nNur bei einem anderen Chip: die dichten 16-Bit-Operationen (FP16/BF16) je Sekunde eines Chips in der Spitze, ohne Sparsity, laut Datenblatt des Herstellers; zum Beispiel 989T für eine NVIDIA H100 SXM.",
        {},
    ),
    "compute.periods.utilisation": (
        "Welchen Anteil des Spitzendurchsatzes haben die Chips erreicht (Auslastung)?",
        f"Ein Bruchteil oder ein Prozentsatz der Spitze, zum Beispiel 0,4 oder 40 % (Model FLOP Utilisation).\n\nEin Bruchteil, zum Beispiel 0,4 für 40 %; er wird als Model FLOP Utilisation gelesen. Öffentliche Schätzungen verwenden üblicherweise 0,3–0,4, die Beispiele der Leitlinien 0,5: Geben Sie Ihren gemessenen oder erwarteten Wert an und raten Sie nie. {LL}, Anhang A.2.",
        {},
    ),
    "compute.method.modifier": (
        "Wie möchten Sie die Rechenleistung Ihrer Veränderung schätzen?",
        f"Nur die eigene Rechenleistung Ihrer Veränderung; wählen Sie die Methode, die Ihre Zahlen tragen.\n\nNur die eigene Trainingsrechenleistung Ihrer Veränderung: die Feinabstimmung, das bestärkende Lernen oder anderes Training, das die Gewichte des ursprünglichen Modells verändert hat, nicht die Rechenleistung, mit der das ursprüngliche Modell trainiert wurde (im Schritt zur Veränderung erfragt). Wählen Sie die Methode, die Ihre Zahlen tragen: die FLOP-Zahl direkt angeben; aus der Architektur, als Parameter × die Token, mit denen Ihre Veränderung trainiert hat, × {{architecture_factor}}; oder aus der von Ihrer Veränderung verwendeten Hardware, als Chips × Stunden × Spitzen-FLOP/s je Chip × Auslastung. Welche Methode Sie auch verwenden, die Schätzung muss auf {{estimate_margin}} genau sein. {LL}, Abschnitt 3.2 und Anhang A.2.",
        {
            "direct": "Ich kenne die FLOP-Zahl meiner Veränderung",
            "architecture": "Aus Parametern und den Token, mit denen meine Veränderung trainiert hat ({architecture_factor} × Parameter × Token)",
            "hardware": "Aus der von meiner Veränderung verwendeten Hardware (Chips × Stunden × Spitzen-FLOP/s × Auslastung)",
        },
    ),
    "compute.flop.modifier": (
        "Welche Rechenleistung hat Ihre Veränderung verwendet, in FLOP?",
        f"Die FLOP, die während Ihrer Veränderung die Gewichte aktualisiert haben, zum Beispiel 3,2e22.\n\nDie Gleitkommaoperationen (FLOP), die während Ihrer Veränderung die Gewichte aktualisiert haben: Feinabstimmung, bestärkendes Lernen und jedes andere Training, das Sie am ursprünglichen Modell vorgenommen haben, unabhängig von der Genauigkeit. Lassen Sie die Rechenleistung weg, mit der das ursprüngliche Modell trainiert wurde: Sie wird im Schritt zur Veränderung erfragt und für die kumulierte Rechenleistung hinzugerechnet. Sie werden Anbieter des veränderten Modells, wenn Ihre Veränderungen mehr als {{modification_fraction}} der Rechenleistung des ursprünglichen Modells verwendet haben. Schreiben Sie sie als 3,2 × 10^22 oder 3,2e22. {LL}, Abschnitt 3.2 und Anhang A.1.",
        {},
    ),
    "parameters.modifier": (
        "Wie viele Parameter hat das veränderte Modell?",
        "Die Gesamtzahl der Parameter nach Ihrer Veränderung, zum Beispiel 7B oder 405B; meist die des ursprünglichen Modells.\n\nDie Gesamtzahl der Parameter des Modells nach Ihrer Veränderung (bei Mixture-of-Experts-Modellen alle Experten zusammen), zum Beispiel 7B oder 405B; meist die des ursprünglichen Modells. Die technische Dokumentation der Veränderung benötigt sie unabhängig von der Methode. Anhang XI und Anhang XIII Buchst. a KI-Verordnung.",
        {},
    ),
    "training_tokens.modifier": (
        "Mit wie vielen Daten hat Ihre Veränderung trainiert, in Token?",
        f"Die Token der eigenen Trainingsdaten Ihrer Veränderung, jede Epoche mitgezählt, zum Beispiel 2B.\n\nDie Token der eigenen Trainingsdaten Ihrer Veränderung (Feinabstimmung, bestärkendes Lernen), jede Epoche mitgezählt (zwei Durchläufe über 1B Token ergeben 2B), nicht die Daten, mit denen das ursprüngliche Modell trainiert wurde. {ZAHLEN} Anhang XIII Buchst. b KI-Verordnung.",
        {},
    ),
    "compute.check_method.modifier": (
        "Möchten Sie die Rechenleistung Ihrer Veränderung mit einer zweiten Methode gegenprüfen?",
        f"Optional: eine zweite, auf andere Weise erstellte Schätzung der Rechenleistung Ihrer Veränderung.\n\nWeichen die beiden Schätzungen der Rechenleistung Ihrer Veränderung um mehr als {{methods_margin}} voneinander ab, weist die Bewertung darauf hin und verwendet die erste. {LL}, Anhang A.2.",
        {
            "none": "Keine Gegenprüfung",
            "direct": "Ich kenne die FLOP-Zahl meiner Veränderung",
            "architecture": "Aus Parametern und den Token, mit denen meine Veränderung trainiert hat",
            "hardware": "Aus der von meiner Veränderung verwendeten Hardware",
        },
    ),
    "synthetic_data_flop.modifier": (
        "Wie viel Rechenleistung wurde für synthetische Daten Ihrer Veränderung aufgewendet, in FLOP?",
        f"Rechenleistung für das Erzeugen nicht öffentlicher synthetischer Daten für Ihre Veränderung; geben Sie 0 ein, wenn keine.\n\nNur synthetische Daten für das Training Ihrer Veränderung, die nicht öffentlich verfügbar sind, zählen, mit der gesamten für ihre Erzeugung aufgewendeten Rechenleistung, verworfene Stichproben eingeschlossen (100 erzeugt, 10 behalten: alle 100 zählen). Sie kommt zur kumulierten Rechenleistung des veränderten Modells für die Schwelle des systemischen Risikos hinzu; geben Sie 0 ein, wenn keine. Art. 51 Abs. 2 und Erwägungsgrund 111 KI-Verordnung; {LL}, Anhang A.1.",
        {},
    ),
    "threshold_known_on.modifier": (
        "Wann wussten Sie, dass Ihre Veränderung ihre Schwelle überschreiten würde?",
        f"Das Datum, an dem bekannt wurde, dass Ihre Veränderung ihre Schwelle überschreiten würde; leer, wenn sie nicht in Reichweite ist.\n\nBei einer Veränderung eines Modells mit systemischem Risiko: das Datum, an dem bekannt wurde, dass Ihre Veränderungen mehr als {{modification_fraction}} der Rechenleistung des ursprünglichen Modells verwenden würden. Bei jedem anderen ursprünglichen Modell: das Datum, an dem bekannt wurde, dass die kumulierte Rechenleistung des veränderten Modells (die des ursprünglichen Modells, Ihrer Veränderungen und der synthetischen Daten) {{systemic_threshold}} überschreiten würde. Geplante Rechenleistung zählt mit, daher kann es vor dem Ende des Trainings liegen. Die Kommission ist unverzüglich, spätestens jedoch zwei Wochen nach diesem Datum zu unterrichten (Mitteilung); lassen Sie das Feld leer, wenn keines von beiden in Reichweite ist. Art. 52 Abs. 1 KI-Verordnung; {LL}, Abschnitte 2.3.2 und 3.2.2.",
        {},
    ),
    "compute.periods.chips.modifier": (
        "Wie viele Chips (Beschleuniger) hat das Training Ihrer Veränderung verwendet?",
        "Die Anzahl der für Ihre Veränderung laufenden GPUs oder TPUs, zum Beispiel 512.\n\nBeginnen Sie einen neuen Zeitraum, wenn sich Anzahl oder Typ der Chips geändert hat; die Zeiträume werden addiert.",
        {},
    ),
    "compute.periods.hours.modifier": (
        "Wie viele Stunden liefen sie für Ihre Veränderung?",
        "Die tatsächlich verstrichenen Trainingsstunden Ihrer Veränderung in diesem Zeitraum (Tage × 24), zum Beispiel 72.\n\nWenn Sie nur Chip-Stunden (GPU-Stunden) kennen, geben Sie 1 Chip und hier die Chip-Stunden ein.",
        {},
    ),
    "open_source.released": (
        "Wird das Modell unter einer freien und quelloffenen Lizenz veröffentlicht?",
        f"Ja, wenn Sie das Modell offen unter einer freien und quelloffenen Lizenz veröffentlichen (Open-Source-Ausnahme).\n\nSind alle folgenden Voraussetzungen erfüllt, gelten die Pflichten zur technischen Dokumentation und zum Bevollmächtigten nicht; für ein Modell mit systemischem Risiko nie. Art. 53 Abs. 2 und Art. 54 Abs. 6 KI-Verordnung; {LL}, Abschnitt 4.",
        dict(JN),
    ),
    "open_source.licence_permits_all": (
        "Erlaubt die Lizenz jedem, das Modell zu nutzen, zu verwenden, zu verändern und zu verbreiten?",
        f"Nein, wenn sie nur Forschung oder nichtkommerzielle Verwendung erlaubt, die Zahl der berechtigten Personen begrenzt, die Verbreitung verbietet oder eine gesonderte kommerzielle Lizenz verlangt.\n\nNein, wenn sie nur Forschung oder nichtkommerzielle Verwendung erlaubt, die Zahl der berechtigten Personen begrenzt, die Verbreitung des Modells oder seiner Teile verbietet oder für bestimmte Verwendungen eine gesonderte kommerzielle Lizenz verlangt. Namensnennung, Weitergabe unter gleichen Bedingungen, Identitätsprüfung und verhältnismäßige, sicherheitsorientierte Nutzungsbeschränkungen sind zulässig. Art. 53 Abs. 2 KI-Verordnung; {LL}, Abschnitt 4.",
        dict(JN),
    ),
    "open_source.weights_public": (
        "Sind die Gewichte des Modells öffentlich zugänglich?",
        f"Ja, wenn jeder die Parameter einschließlich der Gewichte erhalten kann, zum Beispiel über eine öffentliche Modellplattform.\n\nArt. 53 Abs. 2 KI-Verordnung; {LL}, Abschnitt 4.",
        dict(JN),
    ),
    "open_source.architecture_public": (
        "Sind Informationen über die Modellarchitektur öffentlich?",
        f"Ja, wenn Sie veröffentlichen, wie das Modell aufgebaut ist, zum Beispiel seinen Typ, seine Schichten und die Zahl seiner Parameter.\n\nArt. 53 Abs. 2 KI-Verordnung; {LL}, Abschnitt 4.",
        dict(JN),
    ),
    "open_source.usage_public": (
        "Sind Informationen über die Verwendung des Modells öffentlich?",
        f"Ja, wenn Sie seine Modalitäten, Fähigkeiten und Grenzen sowie seine Integration veröffentlichen.\n\nJa, wenn Sie mindestens seine Ein- und Ausgabemodalitäten, seine Fähigkeiten und Grenzen sowie die technischen Mittel (Anleitungen, Werkzeuge) für seine Integration in KI-Systeme veröffentlichen. Art. 53 Abs. 2 KI-Verordnung; {LL}, Abschnitt 4.",
        dict(JN),
    ),
    "open_source.monetised": (
        "Wird das Modell monetarisiert?",
        f"Ja, wenn seine Verwendung oder der Zugang dazu unmittelbar oder mittelbar eine Zahlung erfordert.\n\nJa, wenn Sie einen Preis dafür verlangen, wenn kostenpflichtiger Support, kostenpflichtige Schulung oder Wartung für Verwendung oder Zugang erforderlich ist, wenn es nur auf Ihrer Plattform gegen Bezahlung oder mit bezahlter Werbung bereitgestellt wird oder wenn Sie personenbezogene Daten über das für seine Sicherheit unbedingt Erforderliche hinaus verarbeiten. Optionale kostenpflichtige Dienste, Premium-Versionen ohne Kaufpflicht und Transaktionen zwischen Kleinstunternehmen sind zulässig. Art. 53 Abs. 2 KI-Verordnung; {LL}, Abschnitt 4.",
        {"yes": "Ja: Es wird monetarisiert", "no": "Nein"},
    ),
    "eu_business_users": (
        "Wie viele in der EU niedergelassene registrierte gewerbliche Nutzer hat das Modell?",
        "Registrierte gewerbliche Nutzer mit Niederlassung in der EU, keine Endnutzer; zum Beispiel 12.000, oder leer lassen, wenn unbekannt.\n\nAb {reach_business_users} wird ein hoher Wirkungsgrad vermutet, aufgrund dessen die Kommission das Modell als Modell mit systemischem Risiko benennen kann. Art. 51 Abs. 1 Buchst. b und Anhang XIII Buchst. f KI-Verordnung.",
        {},
    ),
    "business_users_scope": (
        "Wer sind die registrierten gewerblichen Nutzer des Modells?",
        f"Nur bei interner Verwendung gefragt; lassen Sie das Feld leer, wenn niemand außerhalb Ihres eigenen Personals das Modell verwendet.\n\nDie Abgabe des Modells an Dritte, entgeltlich oder unentgeltlich, ist ein Inverkehrbringen; das Modell wird dann als in Verkehr gebracht bewertet (Art. 3 Nr. 9 und 10 KI-Verordnung; {LL}, Abschnitt 3.1.2). Unternehmen Ihrer eigenen Gruppe und Personen, die für Sie arbeiten, lassen es bei der internen Verwendung, als offene Frage ausgewiesen: Gruppenunternehmen sind eigene juristische Personen, und die Rechtslage ist ungeklärt. Bleibt das Feld leer, obwohl es registrierte gewerbliche Nutzer gibt, legt die Bewertung die vorsichtige Lesart (Dritte) zugrunde.",
        {
            "third_parties": "Dritte: Unternehmen oder Organisationen außerhalb unserer Gruppe",
            "group_only": "Nur Unternehmen unserer eigenen Gruppe",
            "provider_contractors": "Nur Personen, die für uns arbeiten (Beschäftigte und Auftragnehmer)",
        },
    ),
    "high_impact_capabilities": (
        "Zeigen Ihre eigenen Evaluierungen Fähigkeiten, die denen der fortschrittlichsten Modelle entsprechen?",
        "Ja, wenn Ihre Evaluierungen, etwa Benchmarks, Fähigkeiten zeigen, die denen der fortschrittlichsten Modelle entsprechen oder sie übertreffen.\n\nFähigkeiten mit hohem Wirkungsgrad: Fähigkeiten, die den bei den fortschrittlichsten KI-Modellen mit allgemeinem Verwendungszweck festgestellten Fähigkeiten entsprechen oder diese übersteigen, bewertet anhand geeigneter technischer Instrumente und Methoden wie Benchmarks. Ja gibt dem Modell unabhängig von seiner Rechenleistung ein systemisches Risiko; „nicht sicher“ wird als offene Frage ausgewiesen. Art. 3 Nr. 64, Art. 51 Abs. 1 Buchst. a und Anhang XIII KI-Verordnung.",
        {
            "no": "Nein",
            "unsure": "Nicht sicher, oder nicht evaluiert",
            "yes": "Ja: Sie entsprechen den fortschrittlichsten Modellen oder übertreffen sie",
        },
    ),
    "high_impact_known_on": (
        "Wann haben Ihre Evaluierungen erstmals Fähigkeiten mit hohem Wirkungsgrad gezeigt?",
        f"Das Datum, an dem die Ergebnisse Ihrer eigenen Evaluierungen erstmals Fähigkeiten zeigten, die denen der fortschrittlichsten Modelle entsprechen oder sie übertreffen.\n\nWörtlich gelesen verlangt Art. 52 Abs. 1 dann eine Mitteilung an die Kommission innerhalb von zwei Wochen; die Kommission sieht sie nur durch die Rechenschwelle ausgelöst, bis ein delegierter Rechtsakt Benchmarks festlegt, daher empfiehlt die Bewertung die Mitteilung und datiert sie ab dieser Antwort. Art. 51 Abs. 1 Buchst. a und Art. 52 Abs. 1 KI-Verordnung; {LL}, Abschnitt 2.3.2.",
        {},
    ),
    "commission_designated": (
        "Hat die Kommission das Modell als Modell mit systemischem Risiko benannt?",
        "Ja, wenn die Kommission Ihnen mitgeteilt hat, dass sie das Modell als KI-Modell mit allgemeinem Verwendungszweck mit systemischem Risiko benannt hat (Benennung).\n\nDie Pflichten gelten ab dem Zeitpunkt, zu dem Sie unterrichtet wurden, ohne Mitteilung. Art. 51 Abs. 1 Buchst. b und Art. 52 Abs. 4 KI-Verordnung.",
        dict(JN),
    ),
    "designated_on": (
        "Wann wurden Sie über den Benennungsbeschluss der Kommission unterrichtet?",
        "Das Datum, an dem Sie über den Benennungsbeschluss der Kommission unterrichtet wurden.\n\nDas Datum, an dem Sie unterrichtet wurden, dass die Kommission das Modell als KI-Modell mit allgemeinem Verwendungszweck mit systemischem Risiko benannt hat (Benennungsbeschluss); Benennungen sind ab dem {obligations_apply_from} möglich. Gibt allein die Benennung dem Modell ein systemisches Risiko, gelten die Pflichten nach Art. 55 ab diesem Datum, und das Datum zählt für einen Antrag auf Neubewertung der Benennung (Art. 52 Abs. 5). Art. 52 Abs. 4 und Art. 52 Abs. 5 KI-Verordnung.",
        {},
    ),
    "notified_on": (
        "An welchem Datum haben Sie die Kommission nach Art. 52 Abs. 1 unterrichtet, falls Sie dies getan haben?",
        f"Lassen Sie das Feld leer, wenn Sie der Kommission keine Mitteilung gemacht haben.\n\nEine Mitteilung ist unverzüglich erforderlich, spätestens jedoch zwei Wochen, nachdem bekannt wurde, dass die kumulierte Rechenleistung {{systemic_threshold}} überschreiten würde oder dass eine Veränderung eines Modells mit systemischem Risiko dessen Schwelle überschreiten würde; sie wird empfohlen, wenn Ihre Evaluierungen Fähigkeiten mit hohem Wirkungsgrad zeigen. Für eine Benennung ist sie nicht nötig. Mit dem Datum wird die Mitteilung als erfolgt angezeigt; ohne es zeigt eine fällige Mitteilung, wann sie fällig wird oder wurde. Art. 52 Abs. 1 KI-Verordnung; {LL}, Abschnitt 2.3.2.",
        {},
    ),
    "own_ai_system": (
        "Bieten Sie auch ein KI-System an, das auf diesem Modell aufbaut, oder verwenden Sie es?",
        f"Ja, wenn Sie ein auf diesem Modell aufbauendes KI-System anbieten oder verwenden, etwa einen Chatbot oder eine App.\n\nJa, wenn Sie ein auf diesem Modell beruhendes KI-System in Verkehr bringen oder in Betrieb nehmen, zum Beispiel einen darauf aufbauenden Chatbot, Assistenten oder eine App; der Einbau Ihres eigenen Modells in Ihr eigenes KI-System auf dem Markt bringt auch das Modell in Verkehr (Erwägungsgrund 97). Das Ergebnis enthält dann die Hinweise für Anbieter von KI-Systemen: die Transparenzpflichten nach Art. 50 und die Zuständigkeit des Büros für Künstliche Intelligenz für KI-Systeme, die auf einem KI-Modell mit allgemeinem Verwendungszweck desselben Anbieters beruhen (Art. 75 Abs. 1). Art. 50 und Art. 75 Abs. 1 KI-Verordnung; {LL}, Abschnitt 3.1.3.",
        dict(JN),
    ),
}

LD = "Lignes directrices de la Commission sur les obligations des fournisseurs de modèles d'IA à usage général, C(2025) 5045"
NOMBRES = "Les nombres peuvent s'écrire 7B, 15,6T, 3,2 × 10^24 ou 1 000 000."
ON: dict[str, str] = {"yes": "Oui", "no": "Non"}

FR: dict[str, tuple[str, str, dict[str, str]]] = {
    "model_name": (
        "Comment s'appelle le modèle ?",
        "Le nom et la version sous lesquels le modèle est connu ou sera publié, par exemple « Example-7B v2 ».\n\nIls identifient le modèle dans l'enregistrement de l'évaluation et dans le rapport.",
        {},
    ),
    "role": (
        "Quel est votre rôle à l'égard de ce modèle ?",
        f"Votre rôle détermine les questions qui suivent et les obligations qui peuvent s'appliquer à vous.\n\nDéveloppeur : vous avez entraîné le modèle ou l'avez fait entraîner pour vous. Modificateur (modificateur en aval) : vous avez affiné ou autrement modifié les poids du modèle d'un autre fournisseur. Intégrateur : vous intégrez le modèle d'un autre fournisseur dans votre propre système d'IA sans modifier ses poids, ce qui, à lui seul, ne fait pas de vous le fournisseur du modèle. {LD}, sections 3.1.3 et 3.2.",
        {
            "developer": "Développeur : nous avons entraîné le modèle, ou l'avons fait entraîner pour nous",
            "modifier": "Modificateur : nous avons affiné ou modifié le modèle d'un autre fournisseur",
            "integrator": "Intégrateur : nous intégrons le modèle d'un autre fournisseur dans notre système d'IA sans modifier ses poids",
        },
    ),
    "upstream_excluded_eu": (
        "Le fournisseur du modèle, établi hors de l'UE, a-t-il exclu l'UE ?",
        f"Répondez oui uniquement si le fournisseur en amont, établi hors de l'UE, a exclu l'UE de manière claire et sans équivoque.\n\nRépondez oui uniquement si le fournisseur en amont est établi hors de l'UE et a exclu de manière claire et sans équivoque la distribution et l'utilisation du modèle dans l'UE, y compris son intégration dans des systèmes destinés à l'UE (par exemple dans sa licence ou ses conditions d'utilisation). Vous devenez alors le fournisseur du modèle en mettant votre système sur le marché de l'Union, et êtes évalué comme un développeur. {LD}, section 3.1.3.",
        {
            "yes": "Oui : il a exclu de manière claire et sans équivoque la distribution et l'utilisation dans l'UE",
            "no": "Non, ou pas de manière claire et sans équivoque",
        },
    ),
    "placement": (
        "Où en est le modèle sur le marché de l'Union ?",
        f"La situation actuelle du modèle. « Recherche uniquement », « UE exclue » et « Usage interne uniquement » ne s'appliquent qu'à des conditions strictes.\n\nMis sur le marché (mise sur le marché) : mis à disposition pour la première fois dans l'UE, par exemple par une API, une bibliothèque logicielle, une plateforme publique de téléchargement, un service en nuage, un chatbot ou une application, ou intégré à votre propre système d'IA sur le marché ({LD}, section 3.1.2). Prévu : entraîné, ou à entraîner, en vue de sa mise sur le marché ; les obligations peuvent commencer avec la grande phase de pré-entraînement, avant la publication (section 2.2). Recherche uniquement, UE exclue et usage interne ne constituent pas une mise sur le marché, mais seulement aux conditions strictes de chaque choix (art. 2, paragraphe 8, art. 3, point 63, et considérant 97 du règlement sur l'IA ; lignes directrices, sections 3.1.2 et 3.1.3).",
        {
            "placed": "Mis sur le marché de l'Union (API, téléchargement, service en nuage, application, notre propre système d'IA…)",
            "planned": "Prévu : entraîné ou en cours d'entraînement en vue de sa mise sur le marché de l'Union",
            "research_only": "Recherche uniquement : utilisé uniquement pour des activités de recherche, de développement ou de prototypage, sans mise sur le marché envisagée",
            "excluded_eu": "UE exclue : nous sommes établis hors de l'UE et avons exclu de manière claire et sans équivoque la distribution et l'utilisation dans l'UE",
            "internal_only": "Usage interne uniquement : processus purement internes, non essentiels à un produit ou service destiné à des tiers et sans incidence sur les droits des personnes",
        },
    ),
    "placed_on": (
        "Quand le modèle a-t-il été, ou sera-t-il, mis sur le marché de l'Union pour la première fois ?",
        f"La date de la première mise sur le marché de l'Union, effective ou prévue ; pour un usage interne uniquement, la date du début de cet usage.\n\nLes obligations s'appliquent dès la mise sur le marché, mais un modèle mis sur le marché avant le {{obligations_apply_from}} a jusqu'au {{legacy_compliance_by}} pour s'y conformer. Art. 111, paragraphe 3, et art. 113, point b), du règlement sur l'IA ; {LD}, section 5.3.",
        {},
    ),
    "established_in_eu": (
        "Le fournisseur est-il établi dans l'UE ?",
        "Répondez non si le fournisseur est établi uniquement hors de l'UE.\n\nUn fournisseur établi hors de l'UE doit, par mandat écrit, désigner un mandataire établi dans l'UE avant de mettre le modèle sur le marché. Art. 54 du règlement sur l'IA.",
        {"yes": "Oui : établi dans l'UE", "no": "Non : établi uniquement hors de l'UE"},
    ),
    "generates": (
        "Que peut générer le modèle ?",
        f"Cochez chaque type de sortie.\n\nLa génération de langage (texte, code, parole), d'images ou de vidéos fait partie du critère indicatif d'un modèle d'IA à usage général ; un modèle qui ne génère que d'autres choses, comme des coups d'échecs ou des prévisions météorologiques, n'y répond pas. {LD}, section 2.1.",
        {
            "text": "Texte (code compris)",
            "audio": "Audio porteur de langage (parole, paroles chantées)",
            "image": "Images (à partir de texte, mise à l'échelle, inpainting)",
            "video": "Vidéo",
            "other": "Autre chose (effets sonores sans parole, coups de jeu, prévisions, classifications)",
        },
    ),
    "generality": (
        "Quelle est l'étendue des tâches que le modèle peut exécuter (généralité significative) ?",
        f"Large si le modèle exécute de manière compétente un large éventail de tâches distinctes ; étroite uniquement si vous pouvez le justifier.\n\nLarge : le modèle exécute de manière compétente un large éventail de tâches distinctes, comme les modèles généraux de conversation, de langage, d'image ou de vidéo. Étroite : il exécute un type de tâche précis, même entraîné avec beaucoup de calcul ; les exemples des lignes directrices sont la transcription de la parole, la synthèse vocale, la mise à l'échelle d'images, l'inpainting, la génération de musique à partir de texte et les effets sonores avec une parole de faible qualité, et vous devez pouvoir justifier cette réponse. Art. 3, point 63, du règlement sur l'IA ; {LD}, section 2.1.",
        {
            "wide": "Large : il exécute de manière compétente un large éventail de tâches distinctes",
            "narrow": "Étroite : il exécute un type de tâche précis",
            "unsure": "Incertain : l'indiquer comme question ouverte",
        },
    ),
    "modification.original_name": (
        "Quel modèle avez-vous modifié ?",
        "Le nom et la version du modèle d'origine, tels que son fournisseur les publie, par exemple « Example-70B-Instruct v1.1 ».",
        {},
    ),
    "modification.original_flop_known": (
        "Connaissez-vous la puissance de calcul d'entraînement du modèle d'origine ?",
        f"Son fournisseur peut la publier, par exemple dans les informations destinées aux fournisseurs en aval ou dans la fiche du modèle.\n\nSi elle est inconnue et ne peut être estimée, le seuil est de {{modification_fraction}} de {{gpai_threshold}}, ou de {{systemic_threshold}} pour un modèle d'origine présentant un risque systémique. {LD}, section 3.2.",
        {
            "known": "Connue, ou nous pouvons l'estimer",
            "unknown": "Inconnue, et nous ne pouvons pas l'estimer",
        },
    ),
    "modification.original_flop": (
        "Quelle a été la puissance de calcul d'entraînement du modèle d'origine, en FLOP ?",
        f"Pour un modèle d'origine présentant un risque systémique, la quantité cumulée de calcul utilisée pour son entraînement.\n\nVous devenez le fournisseur du modèle modifié si votre modification a utilisé plus de {{modification_fraction}} de ce calcul. {NOMBRES} {LD}, section 3.2.",
        {},
    ),
    "modification.original_systemic_risk": (
        "Le modèle d'origine présente-t-il un risque systémique ?",
        f"Oui si le modèle d'origine est un modèle d'IA à usage général présentant un risque systémique, par exemple parce que son fournisseur l'a notifié à la Commission ou que la Commission l'a désigné.\n\nUne modification importante d'un tel modèle est elle aussi présumée présenter un risque systémique. Art. 51 et art. 52 du règlement sur l'IA ; {LD}, section 3.2.2.",
        dict(ON),
    ),
    "modification.earlier_modifications_flop": (
        "Quelle puissance de calcul vos modifications antérieures de ce modèle ont-elles utilisée, en FLOP ?",
        f"Si vous avez déjà modifié le même modèle d'origine, indiquez la puissance de calcul d'entraînement de chaque modification antérieure, une par champ.\n\nLes lignes directrices ne disent pas comment les modifications s'additionnent : leur somme est comparée au seuil et présentée comme question ouverte. {LD}, section 3.2.",
        {},
    ),
    "compute.method": (
        "Comment voulez-vous estimer la puissance de calcul d'entraînement ?",
        f"Choisissez la méthode que vos chiffres permettent ; les questions de cette méthode suivent.\n\nChoisissez la méthode que vos chiffres permettent : indiquer directement le nombre de FLOP ; à partir de l'architecture, comme paramètres × jetons d'entraînement × {{architecture_factor}} (pour les modèles transformeurs denses) ; ou à partir du matériel, comme puces × heures × FLOP/s de crête par puce × taux d'utilisation. Quelle que soit la méthode, l'estimation doit être exacte à {{estimate_margin}} près. Art. 51, paragraphe 2, du règlement sur l'IA ; {LD}, annexe A.2.",
        {
            "direct": "Je connais le nombre de FLOP",
            "architecture": "À partir des paramètres et des jetons d'entraînement ({architecture_factor} × paramètres × jetons)",
            "hardware": "À partir du matériel utilisé (puces × heures × FLOP/s de crête × taux d'utilisation)",
        },
    ),
    "compute.flop": (
        "Quelle a été la puissance de calcul d'entraînement, en FLOP ?",
        f"Les FLOP qui ont mis à jour les poids du modèle, par exemple 3,2e24 ou 3,2 × 10^24.\n\nLes opérations en virgule flottante (FLOP) qui ont mis à jour les poids du modèle : pré-entraînement, affinage et apprentissage par renforcement, quelle que soit la précision ; les évaluations et le red teaming n'ont pas à être comptés. Écrivez-la sous la forme 3,2 × 10^24 ou 3,2e24. {LD}, annexe A.1.",
        {},
    ),
    "parameters": (
        "Combien de paramètres le modèle a-t-il ?",
        "Le nombre total de paramètres (pour les modèles à mélange d'experts, tous les experts ensemble), par exemple 7B ou 405B.\n\nLa documentation technique l'exige quelle que soit la méthode. Annexe XI et annexe XIII, point a), du règlement sur l'IA.",
        {},
    ),
    "training_tokens": (
        "Sur combien de données le modèle a-t-il été entraîné, en jetons ?",
        f"La taille des données d'entraînement en jetons, chaque époque comptée (deux passages sur 1T jetons font 2T), par exemple 15,6T.\n\n{NOMBRES} Annexe XIII, point b), du règlement sur l'IA.",
        {},
    ),
    "compute.mixture_of_experts": (
        "S'agit-il d'un modèle à mélange d'experts ?",
        f"Cochez si chaque jeton n'est traité que par une partie des paramètres (experts).\n\nLe calcul est alors estimé à partir des paramètres actifs ; les lignes directrices ne le disent pas expressément, l'évaluation le présente donc comme question ouverte. {LD}, annexe A.2.",
        {},
    ),
    "compute.active_parameters": (
        "Combien de paramètres sont actifs pour chaque jeton ?",
        "Modèles à mélange d'experts uniquement : les paramètres qui traitent chaque jeton, par exemple 37B actifs sur 671B au total.",
        {},
    ),
    "compute.check_method": (
        "Voulez-vous vérifier l'estimation par une seconde méthode ?",
        f"Facultatif : une seconde estimation du calcul, faite autrement.\n\nSi les deux estimations diffèrent de plus de {{methods_margin}}, l'évaluation le signale et retient la première. {LD}, annexe A.2.",
        {
            "none": "Pas de vérification croisée",
            "direct": "Je connais le nombre de FLOP",
            "architecture": "À partir des paramètres et des jetons d'entraînement",
            "hardware": "À partir du matériel utilisé",
        },
    ),
    "synthetic_data_flop": (
        "Quelle puissance de calcul a servi à générer des données d'entraînement synthétiques, en FLOP ?",
        f"Le calcul consacré à la génération de données d'entraînement synthétiques qui ne sont pas accessibles au public ; saisissez 0 s'il n'y en a pas.\n\nSeules comptent les données synthétiques non accessibles au public, avec tout le calcul consacré à leur génération, échantillons écartés compris (générer 100, en garder 10 : compter les 100). Il s'ajoute au calcul cumulé retenu pour le seuil du risque systémique ; saisissez 0 s'il n'y en a pas. Art. 51, paragraphe 2, et considérant 111 du règlement sur l'IA ; {LD}, annexe A.1.",
        {},
    ),
    "inherited_flop": (
        "Quelle puissance de calcul a entraîné d'autres poids dont le modèle est parti ou avec lesquels il a été fusionné ?",
        f"Le calcul qui a entraîné d'autres poids dont le modèle est parti ou avec lesquels il a été fusionné, en FLOP ; 0 s'il n'y en a pas.\n\nEn FLOP ; laissez vide ou saisissez 0 s'il n'y en a pas. Ne comptez que les poids qui ne sont ni vos propres entraînements antérieurs ni le modèle d'IA à usage général d'un autre fournisseur, par exemple l'encodeur d'un tiers ou un modèle plus petit, qui n'est pas lui-même un modèle d'IA à usage général, à partir duquel le modèle a été initialisé ou avec lequel il a été fusionné : indiquez le calcul qui les a entraînés. Vos propres entraînements antérieurs que ce modèle prolonge font partie de sa puissance de calcul d'entraînement indiquée plus haut. Un modèle construit sur le modèle d'IA à usage général d'un autre fournisseur est une modification : choisissez plutôt le rôle de modificateur. Ce calcul s'ajoute au calcul cumulé comparé à {{systemic_threshold}} ; il est exclu du calcul d'entraînement comparé à {{gpai_threshold}}, une lecture que l'évaluation présente comme question ouverte. {NOMBRES} {LD}, annexe A.1.",
        {},
    ),
    "threshold_known_on": (
        "Quand avez-vous su que le calcul dépasserait {systemic_threshold} ?",
        f"La date à laquelle il est devenu clair que le calcul cumulé dépasserait {{systemic_threshold}} ; vide si le seuil n'est pas à portée.\n\nLa date à laquelle il est devenu clair que le calcul cumulé dépassera {{systemic_threshold}} (pour une modification d'un modèle présentant un risque systémique : que votre modification franchirait son seuil) ; le calcul prévu compte, cette date peut donc précéder la fin de l'entraînement. La Commission doit en recevoir notification sans tarder et au plus tard deux semaines après cette date (notification) ; laissez vide si le seuil n'est pas à portée. Art. 52, paragraphe 1, du règlement sur l'IA ; {LD}, section 2.3.2.",
        {},
    ),
    "compute.periods.chips": (
        "Combien de puces (accélérateurs) ont été utilisées ?",
        "Le nombre de GPU ou de TPU en fonctionnement, par exemple 16 384.\n\nCommencez une nouvelle période chaque fois que le nombre ou le type de puces a changé ; les périodes sont additionnées.",
        {},
    ),
    "compute.periods.hours": (
        "Pendant combien d'heures ont-elles fonctionné ?",
        "Les heures réelles d'entraînement de cette période (jours × 24), par exemple 1 300.\n\nSi vous ne connaissez que les heures-puce (heures-GPU), saisissez 1 puce et les heures-puce ici.",
        {},
    ),
    "compute.periods.accelerator": (
        "Quelle puce ?",
        "Choisissez le type de puce ; son débit de crête en 16 bits provient du jeu de règles.\n\nPour toute autre puce, choisissez « Autre puce » et indiquez son débit de crête.",
        {"custom": "Autre puce : j'indique ses FLOP/s de crête"},
    ),
    "compute.periods.peak_flops": (
        "Quel est le débit de crête de la puce, en FLOP/s ?",
        "Autre puce uniquement : ses opérations denses en 16 bits par seconde en crête, par exemple 989T.\n\nAutre puce uniquement : les opérations denses en 16 bits (FP16/BF16) par seconde d'une puce en crête, sans parcimonie, selon la fiche technique du fabricant ; par exemple 989T pour une NVIDIA H100 SXM.",
        {},
    ),
    "compute.periods.utilisation": (
        "Quelle part du débit de crête les puces ont-elles atteinte (taux d'utilisation) ?",
        f"Une fraction ou un pourcentage de la crête, par exemple 0,4 ou 40 % (model FLOP utilisation).\n\nUne fraction, par exemple 0,4 pour 40 % ; elle est lue comme model FLOP utilisation. Les estimations publiques retiennent couramment 0,3–0,4 et les exemples des lignes directrices 0,5 : indiquez votre valeur mesurée ou attendue, sans jamais la deviner. {LD}, annexe A.2.",
        {},
    ),
    "compute.method.modifier": (
        "Comment voulez-vous estimer le calcul de votre modification ?",
        f"Le seul calcul propre à votre modification ; choisissez la méthode que vos chiffres permettent.\n\nLe seul calcul d'entraînement propre à votre modification : l'affinage, l'apprentissage par renforcement ou tout autre entraînement qui a modifié les poids du modèle d'origine, et non le calcul qui a entraîné le modèle d'origine (demandé à l'étape de la modification). Choisissez la méthode que vos chiffres permettent : indiquer directement le nombre de FLOP ; à partir de l'architecture, comme paramètres × jetons sur lesquels votre modification s'est entraînée × {{architecture_factor}} ; ou à partir du matériel utilisé par votre modification, comme puces × heures × FLOP/s de crête par puce × taux d'utilisation. Quelle que soit la méthode, l'estimation doit être exacte à {{estimate_margin}} près. {LD}, section 3.2 et annexe A.2.",
        {
            "direct": "Je connais le nombre de FLOP de ma modification",
            "architecture": "À partir des paramètres et des jetons sur lesquels ma modification s'est entraînée ({architecture_factor} × paramètres × jetons)",
            "hardware": "À partir du matériel utilisé par ma modification (puces × heures × FLOP/s de crête × taux d'utilisation)",
        },
    ),
    "compute.flop.modifier": (
        "Quelle puissance de calcul votre modification a-t-elle utilisée, en FLOP ?",
        f"Les FLOP qui ont mis à jour les poids pendant votre modification, par exemple 3,2e22.\n\nLes opérations en virgule flottante (FLOP) qui ont mis à jour les poids pendant votre modification : affinage, apprentissage par renforcement et tout autre entraînement effectué sur le modèle d'origine, quelle que soit la précision. N'incluez pas le calcul qui a entraîné le modèle d'origine : il est demandé à l'étape de la modification et ajouté pour le calcul cumulé. Vous devenez le fournisseur du modèle modifié si vos modifications ont utilisé plus de {{modification_fraction}} du calcul du modèle d'origine. Écrivez-la sous la forme 3,2 × 10^22 ou 3,2e22. {LD}, section 3.2 et annexe A.1.",
        {},
    ),
    "parameters.modifier": (
        "Combien de paramètres le modèle modifié a-t-il ?",
        "Le nombre total de paramètres après votre modification, par exemple 7B ou 405B ; généralement celui du modèle d'origine.\n\nLe nombre total de paramètres du modèle après votre modification (pour les modèles à mélange d'experts, tous les experts ensemble), par exemple 7B ou 405B ; généralement celui du modèle d'origine. La documentation technique de la modification l'exige quelle que soit la méthode. Annexe XI et annexe XIII, point a), du règlement sur l'IA.",
        {},
    ),
    "training_tokens.modifier": (
        "Sur combien de données votre modification s'est-elle entraînée, en jetons ?",
        f"Les jetons des données d'entraînement propres à votre modification, chaque époque comptée, par exemple 2B.\n\nLes jetons des données d'entraînement propres à votre modification (affinage, apprentissage par renforcement), chaque époque comptée (deux passages sur 1B jetons font 2B), et non les données sur lesquelles le modèle d'origine a été entraîné. {NOMBRES} Annexe XIII, point b), du règlement sur l'IA.",
        {},
    ),
    "compute.check_method.modifier": (
        "Voulez-vous vérifier le calcul de votre modification par une seconde méthode ?",
        f"Facultatif : une seconde estimation du calcul de votre modification, faite autrement.\n\nSi les deux estimations du calcul de votre modification diffèrent de plus de {{methods_margin}}, l'évaluation le signale et retient la première. {LD}, annexe A.2.",
        {
            "none": "Pas de vérification croisée",
            "direct": "Je connais le nombre de FLOP de ma modification",
            "architecture": "À partir des paramètres et des jetons sur lesquels ma modification s'est entraînée",
            "hardware": "À partir du matériel utilisé par ma modification",
        },
    ),
    "synthetic_data_flop.modifier": (
        "Quelle puissance de calcul a servi aux données synthétiques de votre modification, en FLOP ?",
        f"Le calcul consacré à la génération de données synthétiques non publiques pour votre modification ; saisissez 0 s'il n'y en a pas.\n\nSeules comptent les données synthétiques destinées à l'entraînement de votre modification qui ne sont pas accessibles au public, avec tout le calcul consacré à leur génération, échantillons écartés compris (générer 100, en garder 10 : compter les 100). Il s'ajoute au calcul cumulé du modèle modifié retenu pour le seuil du risque systémique ; saisissez 0 s'il n'y en a pas. Art. 51, paragraphe 2, et considérant 111 du règlement sur l'IA ; {LD}, annexe A.1.",
        {},
    ),
    "threshold_known_on.modifier": (
        "Quand avez-vous su que votre modification franchirait son seuil ?",
        f"La date à laquelle il est devenu clair que votre modification franchirait son seuil ; vide si le seuil n'est pas à portée.\n\nPour une modification d'un modèle présentant un risque systémique : la date à laquelle il est devenu clair que vos modifications utiliseraient plus de {{modification_fraction}} du calcul du modèle d'origine. Pour tout autre modèle d'origine : la date à laquelle il est devenu clair que le calcul cumulé du modèle modifié (celui du modèle d'origine, de vos modifications et des données synthétiques) dépasserait {{systemic_threshold}}. Le calcul prévu compte, cette date peut donc précéder la fin de l'entraînement. La Commission doit en recevoir notification sans tarder et au plus tard deux semaines après cette date (notification) ; laissez vide si aucun des deux n'est à portée. Art. 52, paragraphe 1, du règlement sur l'IA ; {LD}, sections 2.3.2 et 3.2.2.",
        {},
    ),
    "compute.periods.chips.modifier": (
        "Combien de puces (accélérateurs) l'entraînement de votre modification a-t-il utilisées ?",
        "Le nombre de GPU ou de TPU en fonctionnement pour votre modification, par exemple 512.\n\nCommencez une nouvelle période chaque fois que le nombre ou le type de puces a changé ; les périodes sont additionnées.",
        {},
    ),
    "compute.periods.hours.modifier": (
        "Pendant combien d'heures ont-elles fonctionné pour votre modification ?",
        "Les heures réelles d'entraînement de votre modification pendant cette période (jours × 24), par exemple 72.\n\nSi vous ne connaissez que les heures-puce (heures-GPU), saisissez 1 puce et les heures-puce ici.",
        {},
    ),
    "open_source.released": (
        "Le modèle est-il publié sous licence libre et ouverte ?",
        f"Oui si vous publiez le modèle ouvertement sous licence libre et ouverte (exemption open source).\n\nSi toutes les conditions qui suivent sont remplies, les obligations relatives à la documentation technique et au mandataire ne s'appliquent pas ; jamais pour un modèle présentant un risque systémique. Art. 53, paragraphe 2, et art. 54, paragraphe 6, du règlement sur l'IA ; {LD}, section 4.",
        dict(ON),
    ),
    "open_source.licence_permits_all": (
        "La licence permet-elle à chacun d'accéder au modèle, de l'utiliser, de le modifier et de le distribuer ?",
        f"Non si elle est limitée à la recherche ou à un usage non commercial, limite le nombre de personnes autorisées, interdit la distribution ou exige une licence commerciale distincte.\n\nNon si elle est limitée à la recherche ou à un usage non commercial, limite le nombre de personnes autorisées, interdit de distribuer le modèle ou ses parties, ou exige une licence commerciale distincte pour certains usages. L'attribution, le partage dans les mêmes conditions, la vérification de l'identité et des restrictions d'usage proportionnées axées sur la sécurité sont admis. Art. 53, paragraphe 2, du règlement sur l'IA ; {LD}, section 4.",
        dict(ON),
    ),
    "open_source.weights_public": (
        "Les poids du modèle sont-ils rendus publics ?",
        f"Oui si chacun peut obtenir les paramètres, y compris les poids, par exemple sur une plateforme publique de modèles.\n\nArt. 53, paragraphe 2, du règlement sur l'IA ; {LD}, section 4.",
        dict(ON),
    ),
    "open_source.architecture_public": (
        "Les informations sur l'architecture du modèle sont-elles publiques ?",
        f"Oui si vous publiez la façon dont le modèle est construit, par exemple son type, ses couches et son nombre de paramètres.\n\nArt. 53, paragraphe 2, du règlement sur l'IA ; {LD}, section 4.",
        dict(ON),
    ),
    "open_source.usage_public": (
        "Les informations sur l'utilisation du modèle sont-elles publiques ?",
        f"Oui si vous publiez ses modalités, ses capacités et ses limites, ainsi que la façon de l'intégrer.\n\nOui si vous publiez au moins ses modalités d'entrée et de sortie, ses capacités et ses limites, et les moyens techniques (instructions, outils) de son intégration dans des systèmes d'IA. Art. 53, paragraphe 2, du règlement sur l'IA ; {LD}, section 4.",
        dict(ON),
    ),
    "open_source.monetised": (
        "Le modèle est-il monétisé ?",
        f"Oui si son utilisation ou l'accès à celui-ci implique un paiement, direct ou indirect.\n\nOui si vous en demandez un prix, si une assistance, une formation ou une maintenance payante est nécessaire pour l'utiliser ou y accéder, s'il n'est hébergé que sur votre plateforme contre paiement ou publicité payante, ou si vous traitez des données à caractère personnel au-delà de ce que sa sécurité exige strictement. Les services payants facultatifs, les versions premium sans obligation d'achat et les transactions entre microentreprises sont admis. Art. 53, paragraphe 2, du règlement sur l'IA ; {LD}, section 4.",
        {"yes": "Oui : il est monétisé", "no": "Non"},
    ),
    "eu_business_users": (
        "Combien d'utilisateurs professionnels enregistrés établis dans l'UE le modèle a-t-il ?",
        "Utilisateurs professionnels enregistrés établis dans l'UE, pas les utilisateurs finaux ; par exemple 12 000, ou laissez vide si vous l'ignorez.\n\nÀ partir de {reach_business_users}, un impact élevé est présumé, sur la base duquel la Commission peut désigner le modèle comme présentant un risque systémique. Art. 51, paragraphe 1, point b), et annexe XIII, point f), du règlement sur l'IA.",
        {},
    ),
    "business_users_scope": (
        "Qui sont les utilisateurs professionnels enregistrés du modèle ?",
        f"Demandé uniquement pour un usage interne ; laissez vide si personne en dehors de votre propre personnel n'utilise le modèle.\n\nFournir le modèle à des tiers, à titre onéreux ou gratuit, constitue une mise sur le marché : le modèle est alors évalué comme mis sur le marché (art. 3, points 9 et 10, du règlement sur l'IA ; {LD}, section 3.1.2). Les sociétés de votre propre groupe et les personnes qui travaillent pour vous le maintiennent dans l'usage interne, présenté comme question ouverte : les sociétés du groupe sont des personnes morales distinctes et le droit n'est pas fixé. Laissé vide alors qu'il existe des utilisateurs professionnels enregistrés, l'évaluation retient la lecture prudente (tiers).",
        {
            "third_parties": "Tiers : sociétés ou organisations extérieures à notre groupe",
            "group_only": "Uniquement des sociétés de notre propre groupe",
            "provider_contractors": "Uniquement des personnes qui travaillent pour nous (personnel et prestataires)",
        },
    ),
    "high_impact_capabilities": (
        "Vos propres évaluations montrent-elles des capacités égales à celles des modèles les plus avancés ?",
        "Oui si vos évaluations, par exemple des critères de référence, montrent des capacités égales ou supérieures à celles des modèles les plus avancés.\n\nCapacités à fort impact : des capacités égales ou supérieures à celles enregistrées dans les modèles d'IA à usage général les plus avancés, évaluées sur la base d'outils et de méthodologies techniques appropriés, tels que des critères de référence. Oui confère au modèle un risque systémique quel que soit son calcul ; « incertain » est présenté comme question ouverte. Art. 3, point 64, art. 51, paragraphe 1, point a), et annexe XIII du règlement sur l'IA.",
        {
            "no": "Non",
            "unsure": "Incertain, ou non évalué",
            "yes": "Oui : elles égalent ou dépassent celles des modèles les plus avancés",
        },
    ),
    "high_impact_known_on": (
        "Quand vos évaluations ont-elles montré pour la première fois des capacités à fort impact ?",
        f"La date à laquelle les résultats de vos propres évaluations ont montré pour la première fois des capacités égales ou supérieures à celles des modèles les plus avancés.\n\nLu littéralement, l'art. 52, paragraphe 1, exige alors une notification à la Commission dans les deux semaines ; la Commission ne le considère déclenché que par le seuil de calcul tant qu'un acte délégué ne fixe pas de critères de référence, l'évaluation recommande donc la notification et la date à partir de cette réponse. Art. 51, paragraphe 1, point a), et art. 52, paragraphe 1, du règlement sur l'IA ; {LD}, section 2.3.2.",
        {},
    ),
    "commission_designated": (
        "La Commission a-t-elle désigné le modèle comme présentant un risque systémique ?",
        "Oui si la Commission vous a informé qu'elle a désigné le modèle comme modèle d'IA à usage général présentant un risque systémique (désignation).\n\nLes obligations s'appliquent dès le moment où vous en avez été informé, sans notification. Art. 51, paragraphe 1, point b), et art. 52, paragraphe 4, du règlement sur l'IA.",
        dict(ON),
    ),
    "designated_on": (
        "Quand avez-vous été informé de la décision de désignation de la Commission ?",
        "La date à laquelle vous avez été informé de la décision de désignation de la Commission.\n\nLa date à laquelle vous avez été informé que la Commission a désigné le modèle comme modèle d'IA à usage général présentant un risque systémique (décision de désignation) ; les désignations sont possibles à partir du {obligations_apply_from}. Lorsque la désignation seule confère au modèle un risque systémique, les obligations de l'art. 55 s'appliquent à partir de cette date, et la date compte pour une demande de réévaluation de la désignation (art. 52, paragraphe 5). Art. 52, paragraphes 4 et 5, du règlement sur l'IA.",
        {},
    ),
    "notified_on": (
        "À quelle date avez-vous adressé la notification à la Commission au titre de l'art. 52, paragraphe 1, le cas échéant ?",
        f"Laissez vide si vous n'avez pas adressé de notification à la Commission.\n\nUne notification est requise sans tarder, et au plus tard deux semaines après qu'il est devenu clair que le calcul cumulé dépasserait {{systemic_threshold}}, ou qu'une modification d'un modèle présentant un risque systémique franchirait son seuil ; elle est recommandée lorsque vos évaluations montrent des capacités à fort impact. Elle n'est pas nécessaire pour une désignation. Avec la date, la notification apparaît comme faite ; sans elle, une notification due indique quand elle vient ou venait à échéance. Art. 52, paragraphe 1, du règlement sur l'IA ; {LD}, section 2.3.2.",
        {},
    ),
    "own_ai_system": (
        "Proposez-vous ou utilisez-vous aussi un système d'IA construit sur ce modèle ?",
        f"Oui si vous proposez ou utilisez un système d'IA construit sur ce modèle, comme un chatbot ou une application.\n\nOui si vous mettez sur le marché ou mettez en service un système d'IA fondé sur ce modèle, par exemple un chatbot, un assistant ou une application construits sur celui-ci ; intégrer votre propre modèle dans votre propre système d'IA sur le marché met aussi le modèle sur le marché (considérant 97). Le résultat ajoute alors les remarques destinées aux fournisseurs de systèmes d'IA : les obligations de transparence de l'art. 50 et la compétence du Bureau de l'IA pour les systèmes d'IA fondés sur un modèle d'IA à usage général du même fournisseur (art. 75, paragraphe 1). Art. 50 et art. 75, paragraphe 1, du règlement sur l'IA ; {LD}, section 3.1.3.",
        dict(ON),
    ),
}


def french_typography(text: str) -> str:
    """No-break spaces where French typography wants them: before ? ; ! (narrow) and :
    (full), inside « »."""
    for plain, fixed in (
        (" ?", "\u202f?"),
        (" ;", "\u202f;"),
        (" !", "\u202f!"),
        (" :", "\u00a0:"),
        ("« ", "«\u00a0"),
        (" »", "\u00a0»"),
    ):
        text = text.replace(plain, fixed)
    return text


def _french(words: tuple[str, str, dict[str, str]]) -> tuple[str, str, dict[str, str]]:
    label, help_text, choices = words
    return (
        french_typography(label),
        french_typography(help_text),
        {value: french_typography(text) for value, text in choices.items()},
    )


DEFAULTS: dict[str, dict[str, tuple[str, str, dict[str, str]]]] = {
    "de": DE,
    "fr": {key: _french(words) for key, words in FR.items()},
}
"""Language → question key → (label, help text, {choice value: choice label})."""


def add_translations(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    Question = apps.get_model("questionnaire", "Question")
    QuestionTranslation = apps.get_model("questionnaire", "QuestionTranslation")
    existing = set(QuestionTranslation.objects.values_list("question__key", "language"))
    created: list[Any] = []
    for question in Question.objects.all():
        for language, defaults in DEFAULTS.items():
            words = defaults.get(question.key)
            if words is None or (question.key, language) in existing:
                continue
            label, help_text, choices = words
            created.append(
                QuestionTranslation(
                    question=question,
                    language=language,
                    label=label,
                    help_text=help_text,
                    # Only the question's own fixed values: the rest is logic.
                    choice_labels={
                        value: choices.get(value, "") for value in question.choice_labels or {}
                    },
                )
            )
    QuestionTranslation.objects.bulk_create(created)
    # Cached wording is keyed by the questions' newest updated_at: read afresh.
    Question.objects.update(updated_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaire", "0017_language_preference"),
    ]

    operations = [
        migrations.AddField(
            model_name="questionrevision",
            name="language",
            field=models.CharField(default="en", max_length=10),
        ),
        migrations.CreateModel(
            name="QuestionTranslation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "language",
                    models.CharField(choices=[("de", "German"), ("fr", "French")], max_length=10),
                ),
                ("label", models.CharField(blank=True, max_length=300)),
                ("help_text", models.TextField(blank=True)),
                ("choice_labels", models.JSONField(blank=True, default=dict)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "question",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="translations",
                        to="questionnaire.question",
                    ),
                ),
            ],
            options={
                "ordering": ["question__position", "language"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("question", "language"),
                        name="question_translation_once_per_language",
                    )
                ],
            },
        ),
        migrations.RunPython(add_translations, migrations.RunPython.noop),
    ]
