"""German texts of the engine's sentences, by the ids of ``texts.TEXTS``.

Legal terms are those of the German language version of Regulation (EU) 2024/1689
(shared/spec/terminology.md): "KI-Modell mit allgemeinem Verwendungszweck", "Anbieter",
"Inverkehrbringen", "systemisches Risiko", "Mitteilung" (Art. 52), "Benennung",
"Praxisleitfaden", "Büro für Künstliche Intelligenz", "Geldbußen". Citations ("Art. 52(1)",
"Recital 97", "Guidelines §2.1", "Annex XIII") are kept exactly as in English. Each template
has the placeholders of its English one; figures and dates come from the params.
"""

from __future__ import annotations

__all__ = [
    "DESCRIPTION_DE",
    "FLAG_EXPLANATIONS_DE",
    "FLAG_LABELS_DE",
    "MONTHS_DE",
    "OBLIGATION_TITLES_DE",
    "PARAM_WORDS_DE",
    "TEXTS_DE",
    "UNMET_CONDITIONS_DE",
]

_GPAI = "KI-Modell mit allgemeinem Verwendungszweck"
_GPAI_GEN = "eines KI-Modells mit allgemeinem Verwendungszweck"
_CUMULATIVE = "kumulierte Menge der für sein Training verwendeten Berechnungen"

TEXTS_DE: dict[str, str] = {
    # ------------------------------------------------------------------ scope
    "scope.research_only": (
        "Das Modell wird ausschließlich für Forschungs- und Entwicklungstätigkeiten oder die "
        "Konzipierung von Prototypen verwendet und nicht in Verkehr gebracht; es fällt daher "
        f"nicht unter die Begriffsbestimmung {_GPAI_GEN}. Vor jedem Inverkehrbringen, "
        "einschließlich Tests unter Realbedingungen, die von dieser Ausnahme nicht erfasst "
        "sind, ist die Bewertung zu wiederholen."
    ),
    "scope.excluded_eu": (
        "Der Antwortende hat den Vertrieb und die Nutzung des Modells in der Union, "
        "einschließlich seiner Integration in Systeme für die Union, klar und eindeutig "
        "ausgeschlossen; er ist daher für die Union nicht Anbieter des Modells."
    ),
    "scope.integrator": (
        "Wer das Modell eines anderen Anbieters in ein System integriert, ohne dessen "
        "Gewichte zu verändern, wird dadurch nicht Anbieter des Modells. Der Integrator kann "
        "Anbieter des KI-Systems sein, und für ihn können die Pflichten der KI-Verordnung "
        "für KI-Systeme gelten."
    ),
    "scope.internal_only": (
        "Die Nutzung des Modells für rein interne Prozesse, die für ein Dritten angebotenes "
        "Produkt oder eine Dritten angebotene Dienstleistung nicht wesentlich sind und die "
        "Rechte natürlicher Personen nicht berühren, ist kein Inverkehrbringen."
    ),
    "scope.internal_systemic": (
        "Das Modell wird nur intern genutzt, die Antworten zeigen jedoch ein systemisches "
        "Risiko: Nach Recital 97 bleibt ein Modell mit systemischem Risiko den Pflichten "
        "unterworfen; es wird daher ab dem Beginn der internen Nutzung so bewertet, als wäre "
        "es in Verkehr gebracht worden."
    ),
    "scope.planned": (
        "Das Modell wird im Hinblick auf sein Inverkehrbringen entwickelt. Seine Pflichten "
        "nach Art. 53 und Art. 54 werden mit dem Inverkehrbringen fällig, und die "
        "Dokumentation muss seinen gesamten Lebenszyklus abdecken, der mit dem großen "
        "Vortrainingslauf beginnt; die Mitteilung nach Art. 52 kann schon vor dem "
        "Inverkehrbringen fällig werden, sogar vor dem Ende des Trainings."
    ),
    "scope.placed": "Das Modell wird auf dem Unionsmarkt in Verkehr gebracht.",
    "scope.integrator_provider": (
        "Der vorgelagerte Anbieter befindet sich außerhalb der Union und hat Vertrieb und "
        "Nutzung in der EU ausgeschlossen; der Integrator, der das Modell in ein auf dem "
        "Unionsmarkt in Verkehr gebrachtes System einbaut, wird daher Anbieter des Modells "
        "und wie dessen Entwickler bewertet."
    ),
    # ------------------------------------------------------------------ compute
    "compute.estimate": (
        "Die für das Training verwendeten Berechnungen werden nach der Methode „{method}“ "
        "auf {value:flop} geschätzt ({description})."
    ),
    "compute.estimate_modification": (
        "Die eigenen für das Training verwendeten Berechnungen dieser Änderung werden nach "
        "der Methode „{method}“ auf {value:flop} geschätzt ({description})."
    ),
    "compute.methods_disagree": (
        "Eine zweite Schätzung nach der Methode „{method}“ ergibt {value:flop} und weicht "
        "damit um mehr als {disagree_margin:percent} von der primären Schätzung ab; "
        "verwendet wird die primäre Schätzung. Prüfen Sie die Eingaben: Eine Schätzung muss "
        "auf {estimate_margin:percent} genau sein."
    ),
    "compute.moe": (
        "Bei einem Mixture-of-Experts-Modell zählt die Schätzung die aktiven Parameter: Dies "
        "folgt der allgemeinen Regel (tatsächlich ausgeführte Operationen), weicht aber von "
        "den „Gesamtparametern“ ab, von denen die Leitlinien für dichte Transformer sprechen."
    ),
    # ------------------------------------------------------------------ generality
    "gpai.criterion_met": (
        "Die für sein Training verwendeten Berechnungen liegen über {threshold:flop}, und es "
        "kann {outputs:list} erzeugen; es erfüllt daher das Indikativkriterium "
        f"{_GPAI_GEN}."
    ),
    "gpai.criterion_met_outputs_unknown": (
        "Die für sein Training verwendeten Berechnungen liegen über {threshold:flop}, und es "
        "kann Sprache, Bilder oder Video erzeugen; es erfüllt daher das Indikativkriterium "
        f"{_GPAI_GEN}."
    ),
    "gpai.criterion_not_above": (
        "Die für sein Training verwendeten Berechnungen liegen nicht über {threshold:flop}; "
        f"es erfüllt daher nicht das Indikativkriterium {_GPAI_GEN}."
    ),
    "gpai.criterion_compute_unknown": (
        "Die für sein Training verwendeten Berechnungen sind nicht bekannt; es erfüllt daher "
        f"nicht das Indikativkriterium {_GPAI_GEN}."
    ),
    "gpai.criterion_no_output": (
        "Es kann weder Sprache (Text oder Audio) noch Bilder oder Video erzeugen; es erfüllt "
        f"daher nicht das Indikativkriterium {_GPAI_GEN}, ohne dass es einer Widerlegung "
        "bedarf."
    ),
    "gpai.rebuttal_narrow": (
        "Der Anbieter erklärt, dass das Modell dennoch eng ausgerichtet ist (etwa "
        "Spracherkennung, Sprachsynthese, Bildhochskalierung, Inpainting oder "
        "Musikerzeugung). Das Kriterium ist ausnahmsweise widerlegbar: Es ist kein "
        f"{_GPAI}, und der Anbieter muss dies gegenüber dem Büro für Künstliche Intelligenz "
        "begründen können."
    ),
    "gpai.rebuttal_wide": (
        "Der Anbieter erklärt, dass das Modell eine erhebliche allgemeine Verwendbarkeit "
        "aufweist und ein breites Spektrum unterschiedlicher Aufgaben kompetent erfüllt: "
        f"Maßgeblich ist die Begriffsbestimmung in Art. 3(63); es ist daher ein {_GPAI}, "
        "obwohl es das Indikativkriterium nicht erfüllt."
    ),
    "gpai.high_impact_shows_generality": (
        "Die Bewertungen des Anbieters zeigen Fähigkeiten, die denen der fortschrittlichsten "
        "Modelle mit allgemeinem Verwendungszweck entsprechen; dies zeigt eine erhebliche "
        f"allgemeine Verwendbarkeit: Es wird als {_GPAI} behandelt, obwohl es das "
        "Indikativkriterium nicht erfüllt."
    ),
    # ------------------------------------------------------------------ systemic risk
    "systemic.designated": (
        "Die Kommission hat das Modell als Modell mit systemischem Risiko benannt; der "
        "Anbieter ist ab dem Zeitpunkt gebunden, zu dem er davon in Kenntnis gesetzt wurde, "
        "und für die Benennung ist keine Mitteilung erforderlich."
    ),
    "systemic.presumed": (
        f"Seine {_CUMULATIVE} von {{value:flop}} ist größer als {{threshold:flop}}: Es wird "
        "vermutet, dass es über Fähigkeiten mit hohem Wirkungsgrad und damit über ein "
        "systemisches Risiko verfügt."
    ),
    "systemic.requires_gpai": (
        f"Seine {_CUMULATIVE} liegt über {{threshold:flop}}, aber das systemische Risiko ist "
        "eine Kategorie von KI-Modellen mit allgemeinem Verwendungszweck, und dieses Modell "
        "ist keines."
    ),
    "systemic.high_impact": (
        "Die eigenen Bewertungen des Anbieters zeigen Fähigkeiten mit hohem Wirkungsgrad: "
        "Nach dem Wortlaut der Verordnung hat das Modell dann unabhängig von seinen "
        "Berechnungen ein systemisches Risiko; die Pflichten nach Art. 55 werden daher "
        "aufgeführt."
    ),
    "systemic.reach": (
        "Es wird {users:human} in der Union niedergelassenen registrierten gewerblichen "
        "Nutzern bereitgestellt, mindestens {threshold:count}: Annex XIII vermutet für die "
        "Benennung eine hohe Wirkung. Dies ist für sich genommen keine Einstufung."
    ),
    # ------------------------------------------------------------------ modifiers
    "modifier.compared": (
        "Die Berechnungen der Änderung, {value:flop}, sind {relation} {fraction} der "
        "Berechnungen des ursprünglichen Modells von {base:flop}."
    ),
    "modifier.compared_with_earlier": (
        "Die Berechnungen der Änderung zusammen mit den früheren Änderungen, {value:flop}, "
        "sind {relation} {fraction} der Berechnungen des ursprünglichen Modells von "
        "{base:flop}."
    ),
    "modifier.compared_fallback": (
        "Die Berechnungen der Änderung, {value:flop}, sind {relation} {fraction} von "
        "{base:flop}, dem Ersatzwert, wenn die Berechnungen des ursprünglichen Modells "
        "unbekannt sind und es {original} systemisches Risiko aufweist."
    ),
    "modifier.compared_fallback_with_earlier": (
        "Die Berechnungen der Änderung zusammen mit den früheren Änderungen, {value:flop}, "
        "sind {relation} {fraction} von {base:flop}, dem Ersatzwert, wenn die Berechnungen "
        "des ursprünglichen Modells unbekannt sind und es {original} systemisches Risiko "
        "aufweist."
    ),
    "modifier.below": (
        "Der Ändernde ist nicht Anbieter des geänderten Modells; der Anbieter des "
        "ursprünglichen Modells behält die Pflichten nach Art. 53/54 (und nach Art. 52/55, "
        "wenn es ein systemisches Risiko aufweist)."
    ),
    "modifier.below_crossing": (
        "Die Berechnungen des ursprünglichen Modells zuzüglich der Änderungen, {value:flop}, "
        "liegen über {threshold:flop}: Die Kommission könnte das geänderte Modell als Modell "
        "mit systemischem Risiko behandeln."
    ),
    "modifier.provider": (
        "Nach dem Indikativkriterium der Leitlinien wird davon ausgegangen, dass der "
        "Ändernde Anbieter des geänderten Modells wird. Seine Dokumentationspflichten "
        "(Art. 53(1)(a) und (b)) betreffen nur die Änderung, und die Strategie zur Einhaltung "
        "des Urheberrechts sowie die Zusammenfassung der für das Training verwendeten Inhalte "
        "betreffen nur die Daten der Änderung."
    ),
    "modifier.systemic_original": (
        "Das ursprüngliche Modell hat ein systemisches Risiko; daher wird vermutet, dass auch "
        "das geänderte Modell es hat (widerlegbar nach Art. 52(2)): Die Mitteilung nach "
        "Art. 52 und Art. 55 gelten vollständig, nicht beschränkt auf die Änderung."
    ),
    "modifier.systemic_cumulative": (
        f"Die {_CUMULATIVE} des geänderten Modells, einschließlich derjenigen des "
        "ursprünglichen Modells, beträgt {value:flop} und ist größer als {threshold:flop}: "
        "Es wird vermutet, dass es ein systemisches Risiko aufweist."
    ),
    "modifier.designated": (
        "Die Kommission hat das Modell als Modell mit systemischem Risiko benannt."
    ),
    "modifier.high_impact": (
        "Die eigenen Bewertungen des Anbieters zeigen Fähigkeiten mit hohem Wirkungsgrad: "
        "Nach dem Wortlaut der Verordnung hat das geänderte Modell ein systemisches Risiko; "
        "die Pflichten nach Art. 55 werden daher aufgeführt."
    ),
    # ------------------------------------------------------------------ open source
    "open_source.not_met": (
        "Die Ausnahme für Modelle unter einer freien und quelloffenen Lizenz gilt nicht: "
        "{unmet:unmet}."
    ),
    "open_source.applies": (
        "Das Modell wird im Rahmen einer freien und quelloffenen Lizenz bereitgestellt, seine "
        "Gewichte, Informationen über die Modellarchitektur und Informationen über die "
        "Modellnutzung sind öffentlich, und es wird nicht monetarisiert: Art. 53(1)(a) und "
        "(b) und Art. 54 gelten nicht; die Strategie zur Einhaltung des Urheberrechts und "
        "die Zusammenfassung der für das Training verwendeten Inhalte gelten weiterhin."
    ),
    "open_source.no_representative": (
        "Für ein Modell unter einer freien und quelloffenen Lizenz ist kein Bevollmächtigter "
        "erforderlich (Art. 54(6))."
    ),
    "open_source.never_systemic": (
        "Die Ausnahme für Modelle unter einer freien und quelloffenen Lizenz gilt nie für ein "
        "Modell mit systemischem Risiko."
    ),
    # ------------------------------------------------------------------ dates
    "dates.legacy": (
        "Vor dem {apply_from} in Verkehr gebracht: Das Modell muss die Pflichten bis zum "
        "{comply_by} erfüllen, über seinen gesamten Lebenszyklus; ist ein erneutes Training "
        "oder Verlernen unmöglich, ist dies offenzulegen und zu begründen."
    ),
    "notification.date_unknown": (
        "Unterrichten Sie die Kommission unverzüglich, spätestens jedoch zwei Wochen, "
        "nachdem der Schwellenwert erreicht ist oder bekannt wird, dass er erreicht wird. Die "
        "Antworten nennen kein Datum, daher kann die Frist nicht berechnet werden: Sie kann "
        "bereits abgelaufen sein."
    ),
    "notification.due": (
        "Am {known_on} wurde bekannt, dass der Schwellenwert erreicht wird: Unterrichten Sie "
        "die Kommission bis zum {due}."
    ),
    # ------------------------------------------------------------------ notes
    "note.rebuttal": (
        "Mit der Mitteilung kann der Anbieter darlegen, dass das Modell ausnahmsweise kein "
        "systemisches Risiko aufweist. Dies ist eine Möglichkeit, keine Ausnahme: Sie setzt "
        "nichts aus."
    ),
    "note.fines": (
        "Ab dem {fines_from} kann die Kommission gegen Anbieter von KI-Modellen mit "
        "allgemeinem Verwendungszweck Geldbußen von bis zu 3\u00a0% ihres gesamten weltweiten "
        "Jahresumsatzes oder 15 000 000 EUR verhängen, je nachdem, welcher Betrag höher ist."
    ),
    "note.code_of_practice": (
        "Die Einhaltung eines Praxisleitfadens, den die Kommission als angemessen bewertet "
        "hat (der GPAI-Praxisleitfaden: 1. August 2025), kann die Erfüllung der Pflichten "
        "nachweisen (Art. 53(4), 55(2)); für dieses Modell betreffen seine Kapitel "
        "{chapters:list} die Einstufung, und wer aus einem Kapitel aussteigt, verliert diese "
        "Wirkung dafür (Guidelines §5.1). Seit Regulation (EU) 2026/1744 bewertet die "
        "Kommission Praxisleitfäden unter weitestgehender Berücksichtigung der Stellungnahme "
        "des KI-Gremiums, ohne Genehmigung durch Durchführungsrechtsakt (Art. 56(6) in der "
        "ersetzten Fassung). Ein Praxisleitfaden begründet keine Konformitätsvermutung."
    ),
    # ------------------------------------------------------------------ open questions
    "question.internal_essential": (
        "Ist die interne Nutzung für ein Produkt oder eine Dienstleistung, die der Anbieter "
        "Dritten anbietet, wesentlich, oder berührt sie die Rechte natürlicher Personen in der "
        "Union? Falls ja, gilt sie als Inverkehrbringen (Guidelines §3.1.2), und diese "
        "Bewertung ist mit der Angabe „in Verkehr gebracht“ zu wiederholen."
    ),
    "question.internal_date": (
        "Interne Nutzung: Die Pflichten werden so bewertet, als wäre das Modell ab dem Beginn "
        "der internen Nutzung in Verkehr gebracht worden. Bestätigen Sie dieses Datum und ob "
        "die Nutzung für ein Dritten angebotenes Produkt oder eine Dritten angebotene "
        "Dienstleistung wesentlich ist."
    ),
    "question.compute_items": (
        "Welche Berechnungen wurden gezählt? Die für das Training verwendeten Berechnungen "
        "umfassen Vortraining, Feinabstimmung, bestärkendes Lernen und andere Aktualisierungen "
        "der Gewichte; die kumulierte Menge der für das Training verwendeten Berechnungen "
        "umfasst zusätzlich die Erzeugung nicht öffentlich verfügbarer synthetischer Daten "
        "(einschließlich verworfener Stichproben) und die Berechnungen der Gewichte, mit "
        "denen das Modell zusammengeführt oder initialisiert wurde (Guidelines Annex A.1)."
    ),
    "question.synthetic_public": (
        "Sind die für das Training verwendeten synthetischen Daten öffentlich verfügbar? Nur "
        "die Erzeugung nicht öffentlich verfügbarer synthetischer Daten zählt zur "
        "kumulierten Menge der für das Training verwendeten Berechnungen."
    ),
    "question.generates_unknown": (
        "Was kann das Modell erzeugen? Die Antworten sagen es nicht; das Modell wird als "
        "fähig behandelt, Sprache, Bilder oder Video zu erzeugen (die vorsichtige Auslegung)."
    ),
    "question.generality_unknown": (
        "Hat das Modell einen allgemeinen Verwendungszweck (erhebliche allgemeine "
        "Verwendbarkeit, breites Spektrum unterschiedlicher Aufgaben)? Die Antworten sagen es "
        "nicht; da sie Anzeichen eines systemischen Risikos zeigen, wird es als Modell mit "
        "allgemeinem Verwendungszweck behandelt (die vorsichtige Auslegung)."
    ),
    "question.generality_unsure_high_impact": (
        "Allgemeine Verwendbarkeit: Die Antwort war „unsicher“, aber auch, dass die "
        "Fähigkeiten des Modells denen der fortschrittlichsten Modelle entsprechen; es wird "
        "als Modell mit allgemeinem Verwendungszweck behandelt. Bitte bestätigen."
    ),
    "question.generality_unsure_met": (
        "Weist das Modell eine erhebliche allgemeine Verwendbarkeit auf und erfüllt es ein "
        "breites Spektrum unterschiedlicher Aufgaben kompetent? Die Antwort war „unsicher“, "
        "daher wurde dem Indikativkriterium gefolgt (erfüllt). Ein eng ausgerichtetes Modell "
        "oberhalb des Kriteriums oder ein breit fähiges unterhalb kann es ausnahmsweise "
        "widerlegen (Guidelines §2.1)."
    ),
    "question.generality_unsure_not_met": (
        "Weist das Modell eine erhebliche allgemeine Verwendbarkeit auf und erfüllt es ein "
        "breites Spektrum unterschiedlicher Aufgaben kompetent? Die Antwort war „unsicher“, "
        "daher wurde dem Indikativkriterium gefolgt (nicht erfüllt). Ein eng ausgerichtetes "
        "Modell oberhalb des Kriteriums oder ein breit fähiges unterhalb kann es ausnahmsweise "
        "widerlegen (Guidelines §2.1)."
    ),
    "question.narrow_above_systemic": (
        "Das Modell wird als Modell ohne allgemeinen Verwendungszweck behandelt, obwohl seine "
        "Berechnungen über {threshold:flop} liegen. Das Büro für Künstliche Intelligenz kann "
        "das Argument der engen Ausrichtung anders sehen; bewahren Sie die Nachweise dafür auf "
        "und rechnen Sie mit einer Prüfung."
    ),
    "question.high_impact_notification": (
        "Fähigkeiten mit hohem Wirkungsgrad unterhalb des Schwellenwerts für die "
        "Berechnungen: Nach dem Wortlaut der Verordnung (Art. 51(1)(a)) hat das Modell ein "
        "systemisches Risiko; die Kommission liest die Verordnung so, dass es, bis ein "
        "delegierter Rechtsakt Benchmarks festlegt, nur zwei Auslöser der Mitteilung gibt "
        "(den Schwellenwert für die Berechnungen und die Änderung eines Modells mit "
        "systemischem Risiko); daher wird keine Mitteilung nach Art. 52 als verpflichtend "
        "aufgeführt. Entscheiden Sie, ob Sie die Kommission freiwillig unterrichten."
    ),
    "question.high_impact_notification_modified": (
        "Fähigkeiten mit hohem Wirkungsgrad unterhalb des Schwellenwerts für die "
        "Berechnungen: Nach dem Wortlaut der Verordnung (Art. 51(1)(a)) hat das Modell ein "
        "systemisches Risiko; die Kommission liest die Verordnung so, dass es, bis ein "
        "delegierter Rechtsakt Benchmarks festlegt, nur zwei Auslöser der Mitteilung gibt; "
        "daher wird keine Mitteilung nach Art. 52 als verpflichtend aufgeführt. Entscheiden "
        "Sie, ob Sie die Kommission freiwillig unterrichten."
    ),
    "question.high_impact_unsure": (
        "Zeigen die Bewertungen des Anbieters Fähigkeiten, die denen der fortschrittlichsten "
        "Modelle entsprechen oder sie übertreffen? Falls ja, hat das Modell nach dem Wortlaut "
        "der Verordnung (Art. 51(1)(a)) ein systemisches Risiko; die Antwort war „unsicher“."
    ),
    "question.designation_risk": (
        "Risiko einer Benennung unterhalb des Schwellenwerts für die Berechnungen: Die "
        "Kommission kann das Modell anhand der Kriterien von Annex XIII (Reichweite, "
        "Benchmarks, Fähigkeiten) als Modell mit systemischem Risiko benennen. Beobachten Sie "
        "diese Kriterien und seien Sie bereit, Art. 55 zu erfüllen."
    ),
    "question.modification_missing": (
        "Geben Sie die für das Training der Änderung verwendeten Berechnungen sowie die "
        "Berechnungen des ursprünglichen Modells und an, ob es ein systemisches Risiko "
        "aufweist: Ohne diese Angaben lässt sich nicht sagen, ob der Ändernde Anbieter des "
        "geänderten Modells wird (Guidelines §3.2)."
    ),
    "question.cumulative_modifications": (
        "Kumulierte Änderungen: Die Leitlinien sagen nicht, wie aufeinanderfolgende "
        "Änderungen zusammengerechnet werden. Diese Bewertung vergleicht die Summe dieser "
        "Änderung und der aufgeführten früheren Änderungen mit dem Schwellenwert."
    ),
    "question.weights_control": (
        "Kontrolle über die Gewichte: Wenn die Feinabstimmung über die API eines anderen "
        "Anbieters erfolgte, kontrolliert der Ändernde die daraus entstandenen Gewichte? "
        "(Guidelines §3.2, footnote 12)"
    ),
    "question.original_keeps_obligations": (
        "Unterhalb des Schwellenwerts wird angenommen, dass der ursprüngliche Anbieter die "
        "Pflichten für das Modell behält (die Auslegung dieser Bewertung); bestätigen Sie "
        "dies mit dem ursprünglichen Anbieter."
    ),
    "question.modifier_crosses_systemic": (
        "Das ursprüngliche Modell hat kein systemisches Risiko, aber mit der Änderung "
        "überschreitet die kumulierte Menge der für das Training verwendeten Berechnungen den "
        "Schwellenwert. Die Leitlinien (§3.2) enthalten für diesen Fall keine Regel; "
        "angewandt wird die Vermutung nach Art. 51(2)."
    ),
    "question.open_source_licence": (
        "Freie und quelloffene Lizenz und Monetarisierung: Prüfen Sie, dass keine "
        "Lizenzklausel die Nutzung beschränkt (nur Forschung, nicht kommerziell, "
        "Nutzerobergrenzen, gesonderte kommerzielle Lizenzen) und dass keine mittelbare "
        "Monetarisierung vorliegt: kostenpflichtiges Hosting als einziger Zugang, "
        "verpflichtender kostenpflichtiger Support oder die Verwendung personenbezogener "
        "Daten zu anderen Zwecken als ausschließlich zur Verbesserung der Sicherheit, "
        "Kompatibilität oder Interoperabilität der Software (Recital 103; "
        "Guidelines §4.2.2)."
    ),
    "question.established_unknown": (
        "Ist der Anbieter in der Union niedergelassen? Falls nicht, benötigt er einen "
        "Bevollmächtigten (Art. 54); die Antworten sagen es nicht, daher wird diese Pflicht "
        "aufgeführt."
    ),
    "question.art55_start": (
        "Ab wann gelten die Pflichten nach Art. 55? Sie gelten ab dem Zeitpunkt, zu dem das "
        "Modell die Bedingung des systemischen Risikos erfüllt, was vor dem Inverkehrbringen "
        "sein kann; das angezeigte Fälligkeitsdatum ist das auf das Inverkehrbringen "
        "bezogene (Guidelines §2.3)."
    ),
    "question.legacy_notification": (
        "Mitteilung für ein vor dem {apply_from} in Verkehr gebrachtes Modell: Die Frist nach "
        "Art. 52 wird wie geschrieben angewandt (die vorsichtige Auslegung); nach dem "
        "Wortlaut von Art. 111(3) könnte sie stattdessen der {comply_by} sein."
    ),
    "question.borderline_training": (
        "Die Schätzung liegt innerhalb von {margin:percent} um den Schwellenwert von "
        "{threshold:flop} für die für das Training verwendeten Berechnungen: Die Leitlinien "
        "verlangen eine Schätzung, die innerhalb dieser Spanne genau ist; das Ergebnis könnte "
        "sich also ändern. Prüfen Sie die Eingaben und bewahren Sie die Nachweise auf."
    ),
    "question.borderline_cumulative": (
        "Die Schätzung liegt innerhalb von {margin:percent} um den Schwellenwert von "
        "{threshold:flop} für die kumulierte Menge der für das Training verwendeten "
        "Berechnungen: Die Leitlinien verlangen eine Schätzung, die innerhalb dieser Spanne "
        "genau ist; das Ergebnis könnte sich also ändern. Prüfen Sie die Eingaben und "
        "bewahren Sie die Nachweise auf."
    ),
    "question.borderline_modification": (
        "Die Schätzung liegt innerhalb von {margin:percent} um den Schwellenwert von "
        "{fraction}: Die Leitlinien verlangen eine Schätzung, die innerhalb dieser Spanne "
        "genau ist; das Ergebnis könnte sich also ändern. Prüfen Sie die Eingaben und "
        "bewahren Sie die Nachweise auf."
    ),
    # ------------------------------------------------------------------ rule set 2026.1
    "modifier.systemic_original_provider": (
        "Es wird vermutet, dass der Ändernde Anbieter des geänderten Modells wird, da die "
        "Änderung eines Modells mit systemischem Risiko über dem Indikativkriterium liegt "
        "(Guidelines §3.2.2). Seine Dokumentationspflichten (Art. 53(1)(a) und (b)) "
        "betreffen nur die Änderung, und die Strategie zur Einhaltung des Urheberrechts sowie "
        "die Zusammenfassung der für das Training verwendeten Inhalte betreffen nur die Daten "
        "der Änderung."
    ),
    "modifier.designated_provider": (
        "Die Kommission hat das geänderte Modell als Modell mit systemischem Risiko benannt: "
        "Der Ändernde ist sein Anbieter, unabhängig vom Ergebnis der Ein-Drittel-Prüfung."
    ),
    "modifier.lower_bound": (
        "Die Berechnungen des ursprünglichen Modells sind unbekannt; die angegebene "
        "kumulierte Menge der für das Training verwendeten Berechnungen, {value:flop}, "
        "enthält sie daher nicht: Die kumulierte Menge der Berechnungen des Modells beträgt "
        "mindestens diesen Wert."
    ),
    "modifier.lower_bound_above": (
        "Selbst ohne die Berechnungen des ursprünglichen Modells beträgt die kumulierte Menge "
        "der für das Training verwendeten Berechnungen mindestens {value:flop} und ist größer "
        "als {threshold:flop}: Es wird vermutet, dass das geänderte Modell ein systemisches "
        "Risiko aufweist."
    ),
    "compute.inherited": (
        "Die Berechnungen anderer Gewichte, mit denen das Modell initialisiert oder "
        f"zusammengeführt wurde, {{value:flop}}, zählen zu seiner {_CUMULATIVE}."
    ),
    "scope.internal_supplied": (
        "Das Modell wird registrierten gewerblichen Nutzern bereitgestellt, die Dritte sind: "
        "Die entgeltliche oder unentgeltliche Abgabe eines Modells an Dritte ist ein "
        "Inverkehrbringen; es wird daher ab der ersten Abgabe an einen registrierten "
        "gewerblichen Nutzer "
        "als in Verkehr gebracht bewertet."
    ),
    "systemic.high_impact_recommended": (
        "Nach dem Wortlaut der Verordnung, Art. 51(1)(a) in Verbindung mit Art. 52(1), "
        "verpflichten Fähigkeiten mit hohem Wirkungsgrad dazu, die Kommission zu "
        "unterrichten; die Kommission liest die Verordnung so, dass es, bis ein delegierter "
        "Rechtsakt Benchmarks festlegt, nur zwei Auslöser der Mitteilung gibt (den "
        "Schwellenwert für die Berechnungen und die Änderung eines Modells mit systemischem "
        "Risiko). Die Mitteilung wird daher als empfohlen, nicht als verpflichtend aufgeführt."
    ),
    "notification.recommended_due": (
        "Die Bewertungen zeigten am {known_on} Fähigkeiten mit hohem Wirkungsgrad: Eine "
        "Mitteilung wird bis zum {due} empfohlen."
    ),
    "notification.latest": (
        "Die Antworten nennen kein Datum, an dem bekannt wurde, dass der Schwellenwert "
        "erreicht würde; die Mitteilung war spätestens zwei Wochen nach dem Inverkehrbringen "
        "des Modells fällig: {due}."
    ),
    "notification.earliest_trigger": (
        "Die Mitteilung ist zwei Wochen nach dem frühesten ihrer Auslöser fällig: {due}."
    ),
    "notification.notified": "Die Kommission wurde am {notified_on} unterrichtet.",
    "notification.notified_late": (
        "Die Kommission wurde am {notified_on} unterrichtet, nach dem Fälligkeitsdatum {due}."
    ),
    "dates.planned_passed": (
        "Das geplante Datum des Inverkehrbringens, {placed_on}, ist verstrichen: Die "
        "Pflichten bleiben bevorstehend, bis das Modell in Verkehr gebracht ist."
    ),
    "dates.art55_planned": (
        "Die Pflichten nach Art. 55 erhalten das auf das Inverkehrbringen bezogene Datum; "
        "die Kommission liest sie als ab dem Zeitpunkt geltend, zu dem das Modell die "
        "Bedingung des systemischen Risikos erfüllt, was vor dem Inverkehrbringen sein kann."
    ),
    "dates.art55_designation": (
        "Das systemische Risiko beruht allein auf der Benennung: Die Pflichten nach Art. 55 "
        "sind ab dem Datum fällig, an dem der Anbieter über den Benennungsbeschluss in "
        "Kenntnis gesetzt wurde, dem {designated_on}."
    ),
    "dates.art55_designation_legacy": (
        "Das systemische Risiko beruht allein auf der Benennung, für ein vor dem "
        "{apply_from} in Verkehr gebrachtes Modell: Die Pflichten nach Art. 55 sind zum "
        "späteren der beiden Daten fällig, der Benennung am {designated_on} und dem "
        "{comply_by}."
    ),
    "note.fines_overdue": (
        "Ab dem {fines_from} kann die Kommission gegen einen Anbieter, der nach ihrer "
        "Feststellung vorsätzlich oder fahrlässig gegen die Verordnung verstoßen hat, "
        "Geldbußen von bis zu 3\u00a0% seines gesamten weltweiten Jahresumsatzes im vorangegangenen "
        "Geschäftsjahr oder 15 000 000 EUR verhängen, je nachdem, welcher Betrag höher ist "
        "(Art. 101(1)(a)); die niedrigeren Obergrenzen für KMU (Art. 99(6)) gelten nicht für "
        "Art. 101."
    ),
    "note.reassessment_request": (
        "Der Anbieter kann die Kommission frühestens sechs Monate nach dem "
        "Benennungsbeschluss, ab dem {earliest}, mit objektiven, ausführlichen und neuen "
        "Gründen um eine Neubewertung der Benennung ersuchen, und erneut sechs Monate nach "
        "einem Beschluss, der sie aufrechterhält."
    ),
    "note.ai_system_transparency": (
        "Für ein auf dem Modell aufbauendes KI-System: Die Transparenzpflichten nach "
        "Art. 50(1) gelten ab dem {transparency_from}; die Kennzeichnung erzeugter Inhalte "
        "nach Art. 50(2) ist für generative KI-Systeme, die vor dem {transparency_from} in "
        "Verkehr gebracht wurden, bis zum {marking_by} fällig (Art. 111(4), eingefügt durch "
        "Regulation (EU) 2026/1744)."
    ),
    "note.ai_office_competence": (
        "Das Büro für Künstliche Intelligenz ist ausschließlich zuständig für KI-Systeme, die "
        f"auf einem {_GPAI} beruhen, das von demselben Anbieter oder Unternehmen entwickelt "
        "wurde, ausgenommen Produkte nach Annex I, Annex III Nummern 2 und 8 sowie Stellen "
        "nach Art. 74(6) (Art. 75(1)(a) in der durch Regulation (EU) 2026/1744 ersetzten "
        "Fassung)."
    ),
    "question.inherited": (
        "Übernommene Gewichte: Die Berechnungen anderer Gewichte, mit denen das Modell "
        "initialisiert oder zusammengeführt wurde, zählen nur zur kumulierten Menge der für "
        "das Training verwendeten Berechnungen; sie beim Indikativkriterium "
        f"{_GPAI_GEN} außer Acht zu lassen, ist die Auslegung dieser Bewertung."
    ),
    "question.planned_passed": (
        "Das geplante Datum des Inverkehrbringens ist verstrichen: Wurde das Modell in "
        "Verkehr gebracht? Falls ja, antworten Sie „in Verkehr gebracht“ mit dem Datum; dann "
        "gelten die Pflichten."
    ),
    "question.designation_date_unknown": (
        "Wann wurde der Anbieter über den Benennungsbeschluss in Kenntnis gesetzt? Die "
        "Pflichten nach Art. 55 sind ab dann fällig; ohne dieses Datum behalten sie das auf "
        "das Inverkehrbringen bezogene Datum."
    ),
    "question.modifier_designated": (
        "Das geänderte Modell ist benannt: Der Ändernde gilt unabhängig vom Ergebnis der "
        "Ein-Drittel-Prüfung als sein Anbieter, da die Benennung das geänderte Modell "
        "betrifft."
    ),
    "question.lower_bound": (
        "Die Berechnungen des ursprünglichen Modells sind unbekannt: Die kumulierte Menge der "
        "für das Training verwendeten Berechnungen ist nur eine Untergrenze, ein "
        "Überschreiten von {threshold:flop} ist also nicht ausgeschlossen. Ermitteln Sie die "
        "Berechnungen des ursprünglichen Modells (Modellkarte, technische Dokumentation, der "
        "ursprüngliche Anbieter)."
    ),
    "question.business_users_scope_unknown": (
        "Wer sind die registrierten gewerblichen Nutzer: Dritte, Unternehmen der Gruppe des "
        "Anbieters oder für den Anbieter tätige Personen? Die Antworten sagen es nicht; sie "
        "werden als Dritte behandelt (die vorsichtige Auslegung)."
    ),
    "question.group_users": (
        "Die registrierten gewerblichen Nutzer gehören zur Gruppe des Anbieters oder arbeiten "
        "für ihn; die "
        "Nutzung wird daher als intern behandelt. Gruppenunternehmen sind eigenständige "
        "juristische Personen, und die Rechtslage ist ungeklärt: Die Abgabe des Modells an "
        "sie kann ein Inverkehrbringen sein."
    ),
    "question.internal_relevant_obligations": (
        "Ein intern genutztes Modell mit systemischem Risiko bleibt den „einschlägigen "
        "Pflichten“ unterworfen (Recital 97): Welche von Art. 53(1)(b) und (d) von Bedeutung "
        "sind, wenn niemand nachgelagert das Modell erhält, ist offen."
    ),
    "question.moe_upper_bound": (
        "Mixture of Experts: Die Schätzung zählt die aktiven Parameter. Mit allen "
        "{total:human} Parametern gezählt (die „Gesamtparameter“ der Leitlinien), betrüge "
        "sie höchstens {upper:flop}, was hier nichts ändert. Eine Schätzung nach der Methode "
        "„Hardware“ wird zur Gegenprüfung empfohlen."
    ),
    "question.moe_upper_bound_systemic": (
        "Mixture of Experts: Die Schätzung zählt die aktiven Parameter. Mit allen "
        "{total:human} Parametern gezählt (die „Gesamtparameter“ der Leitlinien), betrüge "
        "sie höchstens {upper:flop} und läge über {threshold:flop}: Es würde vermutet, dass "
        "das Modell ein systemisches Risiko aufweist, und die Ausnahme für Modelle unter "
        "einer freien und quelloffenen Lizenz würde nicht gelten. Eine Schätzung nach der "
        "Methode „Hardware“ wird zur Gegenprüfung empfohlen."
    ),
    "question.moe_upper_bound_gpai": (
        "Mixture of Experts: Die Schätzung zählt die aktiven Parameter. Mit allen "
        "{total:human} Parametern gezählt (die „Gesamtparameter“ der Leitlinien), betrüge "
        "sie höchstens {upper:flop} und läge über {threshold:flop}, dem Indikativkriterium "
        f"{_GPAI_GEN}. Eine Schätzung nach der Methode „Hardware“ wird zur Gegenprüfung "
        "empfohlen."
    ),
    "question.moe_total_unknown": (
        "Mixture of Experts: Die Schätzung zählt die aktiven Parameter. Die Gesamtparameter "
        "sind nicht angegeben; mit ihnen gezählt (die „Gesamtparameter“ der Leitlinien), "
        "wäre die Schätzung höher. Geben Sie sie an, um die Obergrenze zu sehen; eine "
        "Schätzung nach der Methode „Hardware“ wird zur Gegenprüfung empfohlen."
    ),
}

UNMET_CONDITIONS_DE: dict[str, str] = {
    "licence_permits_all": (
        "die Lizenz gewährt nicht allen Zugang, Nutzung, Änderung und Verbreitung"
    ),
    "weights_public": "die Gewichte sind nicht öffentlich",
    "architecture_public": "die Informationen über die Modellarchitektur sind nicht öffentlich",
    "usage_public": "die Informationen über die Modellnutzung sind nicht öffentlich",
    "monetised": "das Modell wird monetarisiert",
}

PARAM_WORDS_DE: dict[str, dict[str, str]] = {
    "method": {"direct": "direkte Angabe", "architecture": "Architektur", "hardware": "Hardware"},
    "relation": {"greater than": "größer als", "not greater than": "nicht größer als"},
    "fraction": {"one third": "ein Drittel"},
    "original": {"has": "ein", "does not have": "kein"},
    "outputs": {
        "text": "Text",
        "audio": "Audio",
        "image": "Bilder",
        "video": "Video",
        "other": "sonstige Ausgaben",
    },
    "chapters": {
        "Transparency": "„Transparenz“",
        "Copyright": "„Urheberrecht“",
        "Safety and Security": "„Sicherheit und Gefahrenabwehr“",
    },
}
"""Words the engine passes as params, in German, by param name."""

DESCRIPTION_DE: tuple[tuple[str, str], ...] = (
    ("stated directly by the provider", "vom Anbieter direkt angegeben"),
    ("active parameters (mixture of experts)", "aktive Parameter (Mixture of Experts)"),
    ("training tokens", "Trainings-Token"),
    ("parameters", "Parameter"),
    ("FLOP/s peak", "FLOP/s Spitzenleistung"),
    ("utilisation", "Auslastung"),
    ("a chip", "ein Chip"),
)
"""Phrases of a compute description (``compute.describe``), in German, longest first."""

OBLIGATION_TITLES_DE: dict[str, str] = {
    "art53_1a": (
        "Technische Dokumentation des Modells für das Büro für Künstliche Intelligenz und die "
        "zuständigen nationalen Behörden"
    ),
    "art53_1b": (
        "Informationen und Dokumentation für nachgelagerte Anbieter, die das Modell in ihre "
        "KI-Systeme integrieren"
    ),
    "art53_1c": (
        "Strategie zur Einhaltung des Urheberrechts der Union und damit zusammenhängender "
        "Rechte, einschließlich der Beachtung von Rechtsvorbehalten gegen Text und Data Mining"
    ),
    "art53_1d": (
        "Öffentliche, hinreichend detaillierte Zusammenfassung der für das Training "
        "verwendeten Inhalte nach der Vorlage des Büros für Künstliche Intelligenz"
    ),
    "art54_rep": (
        "In der Union niedergelassener Bevollmächtigter, vor dem Inverkehrbringen "
        "schriftlich beauftragt"
    ),
    "art52_notify": "Unterrichtung der Kommission unverzüglich, innerhalb von zwei Wochen",
    "art55_1a": "Modellbewertung, einschließlich Angriffstests",
    "art55_1b": "Bewertung und Minderung möglicher systemischer Risiken auf Unionsebene",
    "art55_1c": "Schwerwiegende Vorfälle erfassen, dokumentieren und melden",
    "art55_1d": "Cybersicherheitsschutz für das Modell und seine physische Infrastruktur",
}

FLAG_LABELS_DE: dict[str, str] = {
    "borderline": "Schätzung im Grenzbereich",
    "methods_disagree": "Schätzungen weichen voneinander ab",
    "moe_assumption": "Annahme für Mixture of Experts",
    "generality_rebuttal": "Widerlegung der allgemeinen Verwendbarkeit",
    "designation_risk": "Risiko einer Benennung",
    "modification_limited": "Pflichten auf die Änderung beschränkt",
    "notification_date_unknown": "Datum der Mitteilung unbekannt",
    "legacy_model": "Vor dem {apply_from} in Verkehr gebrachtes Modell",
    "planned_date_passed": "Geplantes Datum des Inverkehrbringens verstrichen",
    "compute_lower_bound": "Kumulierte Berechnungen sind eine Untergrenze",
    "notification_recommended": "Mitteilung empfohlen",
}

FLAG_EXPLANATIONS_DE: dict[str, str] = {
    "borderline": (
        "Die Schätzung der Berechnungen liegt innerhalb von {margin} um einen rechtlichen "
        "Schwellenwert. Die Leitlinien verlangen eine auf {margin} genaue Schätzung; eine "
        "kleine Änderung der Eingaben könnte das Ergebnis ändern."
    ),
    "methods_disagree": (
        "Zwei Schätzmethoden weichen um mehr als {disagree_margin} voneinander ab. Verwendet "
        "wurde die primäre; die Eingaben beider Methoden sind zu prüfen."
    ),
    "moe_assumption": (
        "Bei einem Mixture-of-Experts-Modell wurden die aktiven Parameter gezählt. Die "
        "Leitlinien sprechen bei dichten Transformern von Gesamtparametern; diese Auslegung "
        "folgt der allgemeinen Regel."
    ),
    "generality_rebuttal": (
        "Das Modell erfüllt das Indikativkriterium, aber der Anbieter erklärt, dass es eng "
        "ausgerichtet ist. Diese Widerlegung ist eine Ausnahme: Der Anbieter bewahrt die "
        "Nachweise auf, um sie gegenüber dem Büro für Künstliche Intelligenz zu begründen."
    ),
    "designation_risk": (
        "Die Kommission könnte das Modell als Modell mit systemischem Risiko benennen "
        "(Reichweite von mindestens {reach} registrierten gewerblichen Nutzern in der EU, "
        "Fähigkeiten oder Berechnungen). Der Anbieter beobachtet die Kriterien von Annex XIII."
    ),
    "modification_limited": (
        "Der Ändernde ist Anbieter des geänderten Modells; die Dokumentation sowie die "
        "Pflichten zum Urheberrecht und zu den Trainingsinhalten betreffen nur die Änderung."
    ),
    "notification_date_unknown": (
        "Es wurde kein Datum angegeben, an dem bekannt wurde, dass der Schwellenwert erreicht "
        "würde; die genaue Frist für die Mitteilung nach Art. 52 ist daher unbekannt, ein "
        "angezeigtes Datum ist das spätestmögliche. Sie kann bereits abgelaufen sein."
    ),
    "legacy_model": (
        "Vor dem {apply_from} in Verkehr gebracht: Das Modell muss die Pflichten bis zum "
        "{comply_by} erfüllen."
    ),
    "planned_date_passed": (
        "Das geplante Datum des Inverkehrbringens liegt vor dem Datum der Bewertung. Wurde "
        "das Modell in Verkehr gebracht, ist die Bewertung als „in Verkehr gebracht“ mit dem "
        "tatsächlichen Datum zu wiederholen; bis dahin bleiben seine Pflichten nach Art. 53 "
        "und Art. 54 bevorstehend."
    ),
    "compute_lower_bound": (
        "Die Berechnungen des ursprünglichen Modells sind unbekannt; die angegebene "
        "kumulierte Menge der Berechnungen enthält sie daher nicht: Sie beträgt mindestens "
        "den angezeigten Wert."
    ),
    "notification_recommended": (
        "Die eigenen Bewertungen des Anbieters zeigen Fähigkeiten mit hohem Wirkungsgrad. "
        "Nach dem Wortlaut der Verordnung (Art. 52(1)) ist die Kommission zu unterrichten; "
        "die Leitlinien der Kommission (§2.3.2, Fußnoten 6–7) sehen als Auslöser nur den "
        "Schwellenwert für die Berechnungen und die Änderung eines Modells mit systemischem "
        "Risiko, bis ein delegierter Rechtsakt Benchmarks festlegt. Eine Mitteilung wird "
        "empfohlen."
    ),
}

MONTHS_DE = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
