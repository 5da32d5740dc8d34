"""French texts of the engine's sentences, by the ids of ``texts.TEXTS``.

Legal terms are those of the French language version of Regulation (EU) 2024/1689
(shared/spec/terminology.md): "modèle d'IA à usage général", "fournisseur", "mise sur le
marché", "risque systémique", "notification", "désignation", "code de bonne pratique",
"Bureau de l'IA", "amendes". Citations ("Art. 52(1)", "Recital 97", "Guidelines §2.1",
"Annex XIII") are kept exactly as in English. Each template has the placeholders of its
English one; figures and dates come from the params.
"""

from __future__ import annotations

__all__ = [
    "DESCRIPTION_FR",
    "FLAG_EXPLANATIONS_FR",
    "FLAG_LABELS_FR",
    "MONTHS_FR",
    "OBLIGATION_TITLES_FR",
    "PARAM_WORDS_FR",
    "TEXTS_FR",
    "UNMET_CONDITIONS_FR",
]

_GPAI = "modèle d'IA à usage général"
_CUMULATIVE = "quantité cumulée de calcul utilisée pour son entraînement"
_OPEN = "l'exemption pour les modèles publiés sous licence libre et ouverte"

TEXTS_FR: dict[str, str] = {
    # ------------------------------------------------------------------ scope
    "scope.research_only": (
        "Le modèle est utilisé uniquement pour des activités de recherche, de développement "
        "ou de prototypage et n'est pas mis sur le marché ; il ne relève donc pas de la "
        f"définition d'un {_GPAI}. Réévaluez-le avant toute mise sur le marché, y compris "
        "les essais en conditions réelles, que l'exclusion ne couvre pas."
    ),
    "scope.excluded_eu": (
        "La partie qui répond a exclu de manière claire et non équivoque la distribution et "
        "l'utilisation du modèle dans l'Union, y compris son intégration dans des systèmes "
        "destinés à l'Union ; elle n'est donc pas le fournisseur du modèle pour l'Union."
    ),
    "scope.integrator": (
        "Intégrer le modèle d'un autre fournisseur dans un système sans en modifier les "
        "poids ne fait pas de l'intégrateur le fournisseur du modèle. L'intégrateur peut être "
        "le fournisseur du système d'IA, et les obligations du règlement sur l'IA applicables "
        "aux systèmes peuvent s'appliquer à lui."
    ),
    "scope.internal_only": (
        "L'utilisation du modèle pour des processus purement internes, non essentiels à un "
        "produit ou service proposé à des tiers et n'affectant pas les droits des personnes "
        "physiques, n'est pas une mise sur le marché."
    ),
    "scope.internal_systemic": (
        "Le modèle est utilisé uniquement en interne, mais les réponses montrent un risque "
        "systémique : selon Recital 97, un modèle présentant un risque systémique reste "
        "soumis aux obligations ; il est donc évalué comme s'il était mis sur le marché, à "
        "compter de la date du début de l'utilisation interne."
    ),
    "scope.planned": (
        "Le modèle est développé en vue de sa mise sur le marché. Ses obligations au titre "
        "de l'Art. 53 et de l'Art. 54 deviennent exigibles lors de sa mise sur le marché, et la "
        "documentation doit couvrir tout son cycle de vie, qui commence avec la grande phase "
        "de pré-entraînement ; la notification au titre de l'Art. 52 peut être due avant la "
        "mise sur le marché, voire avant la fin de l'entraînement."
    ),
    "scope.placed": "Le modèle est mis sur le marché de l'Union.",
    "scope.integrator_provider": (
        "Le fournisseur en amont est établi hors de l'Union et a exclu la distribution et "
        "l'utilisation dans l'UE ; l'intégrateur, qui incorpore le modèle dans un système mis "
        "sur le marché de l'Union, devient donc le fournisseur du modèle et est évalué comme "
        "son développeur."
    ),
    # ------------------------------------------------------------------ compute
    "compute.estimate": (
        "Le calcul utilisé pour l'entraînement est estimé à {value:flop} par la méthode "
        "« {method} » ({description})."
    ),
    "compute.estimate_modification": (
        "Le calcul d'entraînement propre à cette modification est estimé à {value:flop} par "
        "la méthode « {method} » ({description})."
    ),
    "compute.methods_disagree": (
        "Une seconde estimation par la méthode « {method} » donne {value:flop}, soit un écart "
        "de plus de {disagree_margin:percent} par rapport à l'estimation principale ; "
        "l'estimation principale est retenue. Vérifiez les données saisies : une estimation "
        "doit être exacte à {estimate_margin:percent} près."
    ),
    "compute.moe": (
        "Pour un modèle à mélange d'experts, l'estimation compte les paramètres actifs : "
        "cela suit la règle générale (opérations effectivement réalisées) mais s'écarte des "
        "« paramètres totaux » dont parlent les lignes directrices pour les transformeurs "
        "denses."
    ),
    # ------------------------------------------------------------------ generality
    "gpai.criterion_met": (
        "Son calcul d'entraînement est supérieur à {threshold:flop} et il peut générer "
        "{outputs:list} ; il remplit donc le critère indicatif d'un modèle d'IA à usage "
        "général."
    ),
    "gpai.criterion_met_outputs_unknown": (
        "Son calcul d'entraînement est supérieur à {threshold:flop} et il peut générer du "
        "langage, des images ou de la vidéo ; il remplit donc le critère indicatif d'un "
        f"{_GPAI}."
    ),
    "gpai.criterion_not_above": (
        "Son calcul d'entraînement n'est pas supérieur à {threshold:flop} ; il ne remplit "
        f"donc pas le critère indicatif d'un {_GPAI}."
    ),
    "gpai.criterion_compute_unknown": (
        "Son calcul d'entraînement n'est pas connu ; il ne remplit donc pas le critère "
        f"indicatif d'un {_GPAI}."
    ),
    "gpai.criterion_no_output": (
        "Il ne peut générer ni langage (texte ou audio), ni images, ni vidéo ; il ne remplit "
        f"donc pas le critère indicatif d'un {_GPAI}, sans qu'aucune réfutation soit en cause."
    ),
    "gpai.rebuttal_narrow": (
        "Le fournisseur déclare que le modèle est néanmoins spécialisé (comme la "
        "transcription de la parole, la synthèse vocale, l'agrandissement d'images, "
        "l'inpainting ou la génération de musique). Le critère est réfutable, à titre "
        f"exceptionnel : ce n'est pas un {_GPAI}, et le fournisseur doit pouvoir le justifier "
        "auprès du Bureau de l'IA."
    ),
    "gpai.rebuttal_wide": (
        "Le fournisseur déclare que le modèle présente une généralité significative et "
        "exécute de manière compétente un large éventail de tâches distinctes : la définition "
        f"de l'Art. 3(63) prévaut, c'est donc un {_GPAI} bien qu'il ne remplisse pas le critère "
        "indicatif."
    ),
    "gpai.high_impact_shows_generality": (
        "Les évaluations du fournisseur montrent des capacités égales à celles des modèles à "
        "usage général les plus avancés, ce qui montre une généralité significative : il est "
        f"traité comme un {_GPAI} bien qu'il ne remplisse pas le critère indicatif."
    ),
    # ------------------------------------------------------------------ systemic risk
    "systemic.designated": (
        "La Commission a désigné le modèle comme présentant un risque systémique ; le "
        "fournisseur est lié dès le moment où il en a été informé, et aucune notification "
        "n'est requise pour la désignation."
    ),
    "systemic.presumed": (
        f"Sa {_CUMULATIVE}, {{value:flop}}, est supérieure à {{threshold:flop}} : il est "
        "présumé avoir des capacités à fort impact et donc présenter un risque systémique."
    ),
    "systemic.requires_gpai": (
        f"Sa {_CUMULATIVE} est supérieure à {{threshold:flop}}, mais le risque systémique est "
        "une catégorie de modèles d'IA à usage général, et ce modèle n'en est pas un."
    ),
    "systemic.high_impact": (
        "Les propres évaluations du fournisseur montrent des capacités à fort impact : selon "
        "le libellé du règlement, le modèle présente alors un risque systémique quel que soit "
        "son calcul ; les obligations de l'Art. 55 sont donc énumérées."
    ),
    "systemic.reach": (
        "Il est mis à la disposition de {users:human} utilisateurs professionnels enregistrés "
        "établis dans l'Union, au moins {threshold:count} : Annex XIII présume un impact "
        "élevé aux fins de la désignation. Ce n'est pas en soi une classification."
    ),
    # ------------------------------------------------------------------ modifiers
    "modifier.compared": (
        "Le calcul de la modification, {value:flop}, est {relation} {fraction} du calcul du "
        "modèle d'origine, {base:flop}."
    ),
    "modifier.compared_with_earlier": (
        "Le calcul de la modification, avec les modifications antérieures, {value:flop}, est "
        "{relation} {fraction} du calcul du modèle d'origine, {base:flop}."
    ),
    "modifier.compared_fallback": (
        "Le calcul de la modification, {value:flop}, est {relation} {fraction} de "
        "{base:flop}, la valeur de repli lorsque le calcul du modèle d'origine est inconnu et "
        "qu'il {original} risque systémique."
    ),
    "modifier.compared_fallback_with_earlier": (
        "Le calcul de la modification, avec les modifications antérieures, {value:flop}, est "
        "{relation} {fraction} de {base:flop}, la valeur de repli lorsque le calcul du modèle "
        "d'origine est inconnu et qu'il {original} risque systémique."
    ),
    "modifier.below": (
        "Celui qui modifie n'est pas le fournisseur du modèle modifié ; le fournisseur du "
        "modèle d'origine conserve les obligations de l'Art. 53/54 (et de l'Art. 52/55 s'il "
        "présente un risque systémique)."
    ),
    "modifier.below_crossing": (
        "Le calcul du modèle d'origine plus les modifications, {value:flop}, est supérieur à "
        "{threshold:flop} : la Commission pourrait traiter le modèle modifié comme présentant "
        "un risque systémique."
    ),
    "modifier.provider": (
        "Selon le critère indicatif des lignes directrices, celui qui modifie est considéré "
        "comme devenant le fournisseur du modèle modifié. Ses obligations de documentation "
        "(Art. 53(1)(a) et (b)) ne couvrent que la modification, et la politique en matière "
        "de droit d'auteur et le résumé du contenu utilisé pour l'entraînement ne couvrent "
        "que les données de la modification."
    ),
    "modifier.systemic_original": (
        "Le modèle d'origine présente un risque systémique ; le modèle modifié est donc "
        "présumé en présenter un aussi (réfutable au titre de l'Art. 52(2)) : la notification "
        "de l'Art. 52 et l'Art. 55 s'appliquent intégralement, sans se limiter à la modification."
    ),
    "modifier.systemic_cumulative": (
        f"La {_CUMULATIVE} du modèle modifié, y compris celle du modèle d'origine, est de "
        "{value:flop}, supérieure à {threshold:flop} : il est présumé présenter un risque "
        "systémique."
    ),
    "modifier.designated": (
        "La Commission a désigné le modèle comme présentant un risque systémique."
    ),
    "modifier.high_impact": (
        "Les propres évaluations du fournisseur montrent des capacités à fort impact : selon "
        "le libellé du règlement, le modèle modifié présente un risque systémique ; les "
        "obligations de l'Art. 55 sont donc énumérées."
    ),
    # ------------------------------------------------------------------ open source
    "open_source.not_met": f"{_OPEN[0].upper()}{_OPEN[1:]} ne s'applique pas : {{unmet:unmet}}.",
    "open_source.applies": (
        "Le modèle est publié dans le cadre d'une licence libre et ouverte, ses poids, les "
        "informations sur son architecture et sur son utilisation sont publics et il n'est "
        "pas monétisé : Art. 53(1)(a) et (b) et Art. 54 ne s'appliquent pas ; la politique "
        "en matière de droit d'auteur et le résumé du contenu utilisé pour l'entraînement "
        "restent applicables."
    ),
    "open_source.no_representative": (
        "Pour un modèle publié sous licence libre et ouverte, aucun mandataire n'est requis "
        "(Art. 54(6))."
    ),
    "open_source.never_systemic": (
        f"{_OPEN[0].upper()}{_OPEN[1:]} ne s'applique jamais à un modèle présentant un "
        "risque systémique."
    ),
    # ------------------------------------------------------------------ dates
    "dates.legacy": (
        "Mis sur le marché avant le {apply_from} : le modèle doit se mettre en conformité au "
        "plus tard le {comply_by}, tout au long de son cycle de vie ; lorsqu'un "
        "réentraînement ou un désapprentissage est impossible, cela doit être indiqué et "
        "justifié."
    ),
    "notification.date_unknown": (
        "Informez la Commission sans tarder et au plus tard deux semaines après que le seuil "
        "est atteint ou qu'il est établi qu'il le sera. Les réponses ne donnent pas de date ; "
        "le délai ne peut donc pas être calculé : il est peut-être déjà dépassé."
    ),
    "notification.due": (
        "Il a été établi le {known_on} que le seuil serait atteint : informez la Commission "
        "au plus tard le {due}."
    ),
    # ------------------------------------------------------------------ notes
    "note.rebuttal": (
        "Avec la notification, le fournisseur peut faire valoir que le modèle, à titre "
        "exceptionnel, ne présente pas de risque systémique. C'est une faculté, non une "
        "exemption : elle ne suspend rien."
    ),
    "note.fines": (
        "À compter du {fines_from}, la Commission peut infliger aux fournisseurs de modèles "
        "d'IA à usage général des amendes allant jusqu'à 3\u00a0% de leur chiffre d'affaires "
        "annuel mondial total ou 15 000 000 EUR, le montant le plus élevé étant retenu."
    ),
    "note.code_of_practice": (
        "Le respect d'un code de bonne pratique que la Commission a jugé adéquat (le code de "
        "bonne pratique pour l'IA à usage général : 1er août 2025) peut démontrer la "
        "conformité (Art. 53(4), 55(2)) ; pour ce modèle, ses chapitres {chapters:list} "
        "concernent la classification, et se retirer d'un chapitre fait perdre cet effet "
        "pour celui-ci (Guidelines §5.1). Depuis le Regulation (EU) 2026/1744, la Commission "
        "évalue les codes en tenant le plus grand compte de l'avis du Comité, sans "
        "approbation par acte d'exécution (Art. 56(6) tel que remplacé). Un code ne confère "
        "aucune présomption de conformité."
    ),
    # ------------------------------------------------------------------ open questions
    "question.internal_essential": (
        "L'utilisation interne est-elle essentielle à un produit ou service que le "
        "fournisseur propose à des tiers, ou affecte-t-elle les droits de personnes physiques "
        "dans l'Union ? Dans l'affirmative, elle vaut mise sur le marché (Guidelines §3.1.2) "
        "et cette évaluation doit être refaite avec la situation « mis sur le marché »."
    ),
    "question.internal_date": (
        "Utilisation interne : les obligations sont évaluées comme si le modèle était mis sur "
        "le marché à compter de la date du début de l'utilisation interne. Confirmez cette "
        "date et indiquez si l'utilisation est essentielle à un produit ou service proposé à "
        "des tiers."
    ),
    "question.compute_items": (
        "Quels éléments de calcul ont été comptés ? Le calcul d'entraînement couvre le "
        "pré-entraînement, l'affinage, l'apprentissage par renforcement et les autres mises "
        "à jour des poids ; la quantité cumulée de calcul y ajoute la génération de données "
        "synthétiques non publiques (échantillons écartés compris) et le calcul des poids "
        "avec lesquels le modèle a été fusionné ou à partir desquels il a été initialisé "
        "(Guidelines Annex A.1)."
    ),
    "question.synthetic_public": (
        "Les données synthétiques utilisées pour l'entraînement sont-elles accessibles au "
        "public ? Seule la génération de données synthétiques non accessibles au public "
        "compte dans la quantité cumulée de calcul."
    ),
    "question.generates_unknown": (
        "Que peut générer le modèle ? Les réponses ne le disent pas ; le modèle est traité "
        "comme capable de générer du langage, des images ou de la vidéo, la lecture prudente."
    ),
    "question.generality_unknown": (
        "Le modèle est-il à usage général (généralité significative, large éventail de tâches "
        "distinctes) ? Les réponses ne le disent pas ; comme elles montrent des signes de "
        "risque systémique, il est traité comme à usage général, la lecture prudente."
    ),
    "question.generality_unsure_high_impact": (
        "Généralité : la réponse était « incertain », mais aussi que les capacités du modèle "
        "égalent celles des modèles les plus avancés ; il est traité comme à usage général. "
        "À confirmer."
    ),
    "question.generality_unsure_met": (
        "Le modèle présente-t-il une généralité significative et exécute-t-il de manière "
        "compétente un large éventail de tâches distinctes ? La réponse était « incertain » ; "
        "le critère indicatif a donc été suivi (rempli). Un modèle spécialisé au-dessus du "
        "critère, ou un modèle largement capable en dessous, peut le réfuter à titre "
        "exceptionnel (Guidelines §2.1)."
    ),
    "question.generality_unsure_not_met": (
        "Le modèle présente-t-il une généralité significative et exécute-t-il de manière "
        "compétente un large éventail de tâches distinctes ? La réponse était « incertain » ; "
        "le critère indicatif a donc été suivi (non rempli). Un modèle spécialisé au-dessus "
        "du critère, ou un modèle largement capable en dessous, peut le réfuter à titre "
        "exceptionnel (Guidelines §2.1)."
    ),
    "question.narrow_above_systemic": (
        "Le modèle est traité comme n'étant pas à usage général bien que son calcul soit "
        "supérieur à {threshold:flop}. Le Bureau de l'IA peut contester l'argument de la "
        "spécialisation ; conservez-en les preuves et attendez-vous à un examen attentif."
    ),
    "question.high_impact_notification": (
        "Capacités à fort impact en dessous du seuil de calcul : selon le libellé du "
        "règlement (Art. 51(1)(a)), le modèle présente un risque systémique ; la Commission "
        "lit le règlement comme ne prévoyant, jusqu'à ce qu'un acte délégué fixe des critères "
        "de référence, que deux déclencheurs de la notification (le seuil de calcul et la "
        "modification d'un modèle présentant un risque systémique) ; aucune notification au "
        "titre de l'Art. 52 n'est donc énumérée comme obligatoire. Décidez s'il y a lieu de "
        "notifier volontairement."
    ),
    "question.high_impact_notification_modified": (
        "Capacités à fort impact en dessous du seuil de calcul : selon le libellé du "
        "règlement (Art. 51(1)(a)), le modèle présente un risque systémique ; la Commission "
        "lit le règlement comme ne prévoyant, jusqu'à ce qu'un acte délégué fixe des critères "
        "de référence, que deux déclencheurs de la notification ; aucune notification au "
        "titre de l'Art. 52 n'est donc énumérée comme obligatoire. Décidez s'il y a lieu de "
        "notifier volontairement."
    ),
    "question.high_impact_unsure": (
        "Les évaluations du fournisseur montrent-elles des capacités égales ou supérieures à "
        "celles des modèles les plus avancés ? Dans l'affirmative, le modèle présente un "
        "risque systémique selon le libellé du règlement (Art. 51(1)(a)) ; la réponse était "
        "« incertain »."
    ),
    "question.designation_risk": (
        "Risque de désignation en dessous du seuil de calcul : la Commission peut désigner le "
        "modèle comme présentant un risque systémique sur la base des critères de l'Annex XIII "
        "(portée, critères de référence, capacités). Surveillez-les et soyez prêt à respecter "
        "Art. 55."
    ),
    "question.modification_missing": (
        "Indiquez le calcul d'entraînement de la modification ainsi que le calcul du modèle "
        "d'origine et s'il présente un risque systémique : sans ces données, on ne peut dire "
        "si celui qui modifie devient le fournisseur du modèle modifié (Guidelines §3.2)."
    ),
    "question.cumulative_modifications": (
        "Modifications cumulées : les lignes directrices ne disent pas comment des "
        "modifications successives s'additionnent. Cette évaluation compare au seuil la "
        "somme de cette modification et des modifications antérieures indiquées."
    ),
    "question.weights_control": (
        "Contrôle des poids : si l'affinage a été effectué par l'API d'un autre fournisseur, "
        "celui qui modifie contrôle-t-il les poids obtenus ? (Guidelines §3.2, footnote 12)"
    ),
    "question.original_keeps_obligations": (
        "En dessous du seuil, le fournisseur d'origine est réputé conserver les obligations "
        "relatives au modèle (la lecture retenue par cette évaluation) ; confirmez-le avec le "
        "fournisseur d'origine."
    ),
    "question.modifier_crosses_systemic": (
        "Le modèle d'origine ne présente pas de risque systémique, mais avec la modification "
        "la quantité cumulée de calcul franchit le seuil. Les lignes directrices (§3.2) "
        "n'ont pas de règle pour ce cas ; la présomption de l'Art. 51(2) est appliquée."
    ),
    "question.open_source_licence": (
        "Licence libre et ouverte et monétisation : vérifiez qu'aucune clause de la licence "
        "ne restreint l'utilisation (recherche uniquement, usage non commercial, plafonds "
        "du nombre d'usagers, licences commerciales distinctes) et qu'il n'y a pas de monétisation "
        "indirecte : hébergement payant comme seul accès, assistance payante obligatoire, ou "
        "l'utilisation de données à caractère personnel à des fins autres que la seule "
        "amélioration de la sécurité, de la compatibilité ou de l'interopérabilité du "
        "logiciel (Recital 103; Guidelines §4.2.2)."
    ),
    "question.established_unknown": (
        "Le fournisseur est-il établi dans l'Union ? Sinon, il doit désigner un mandataire "
        "(Art. 54) ; les réponses ne le disent pas, l'obligation est donc énumérée."
    ),
    "question.art55_start": (
        "Quand les obligations de l'Art. 55 commencent-elles ? Elles s'appliquent dès que le "
        "modèle remplit la condition du risque systémique, ce qui peut précéder la mise sur "
        "le marché ; la date d'échéance indiquée est celle fondée sur la mise sur le marché "
        "(Guidelines §2.3)."
    ),
    "question.legacy_notification": (
        "Notification d'un modèle mis sur le marché avant le {apply_from} : le délai de "
        "Art. 52 est appliqué tel qu'il est écrit (la lecture prudente) ; selon le libellé de "
        "Art. 111(3), il pourrait plutôt être le {comply_by}."
    ),
    "question.borderline_training": (
        "L'estimation se situe à moins de {margin:percent} du seuil de {threshold:flop} pour "
        "le calcul d'entraînement : les lignes directrices exigent une estimation exacte dans "
        "cette marge ; le résultat pourrait donc changer. Vérifiez les données saisies et "
        "conservez les preuves."
    ),
    "question.borderline_cumulative": (
        "L'estimation se situe à moins de {margin:percent} du seuil de {threshold:flop} pour "
        "la quantité cumulée de calcul : les lignes directrices exigent une estimation exacte "
        "dans cette marge ; le résultat pourrait donc changer. Vérifiez les données saisies et "
        "conservez les preuves."
    ),
    "question.borderline_modification": (
        "L'estimation se situe à moins de {margin:percent} du seuil de {fraction} : les "
        "lignes directrices exigent une estimation exacte dans cette marge ; le résultat "
        "pourrait donc changer. Vérifiez les données saisies et conservez les preuves."
    ),
    # ------------------------------------------------------------------ rule set 2026.1
    "modifier.systemic_original_provider": (
        "Celui qui modifie est présumé devenir le fournisseur du modèle modifié, car la "
        "modification d'un modèle présentant un risque systémique dépasse le critère "
        "indicatif (Guidelines §3.2.2). Ses obligations de documentation (Art. 53(1)(a) et "
        "(b)) ne couvrent que la modification, et la politique en matière de droit d'auteur et "
        "le résumé du contenu utilisé pour l'entraînement ne couvrent que les données de la "
        "modification."
    ),
    "modifier.designated_provider": (
        "La Commission a désigné le modèle modifié comme présentant un risque systémique : "
        "celui qui modifie en est le fournisseur, quel que soit le résultat du critère du "
        "tiers."
    ),
    "modifier.lower_bound": (
        "Le calcul du modèle d'origine est inconnu ; la quantité cumulée de calcul indiquée, "
        "{value:flop}, ne le comprend donc pas : la quantité cumulée de calcul du modèle est "
        "au moins égale à cette valeur."
    ),
    "modifier.lower_bound_above": (
        "Même sans le calcul du modèle d'origine, la quantité cumulée de calcul est d'au "
        "moins {value:flop}, supérieure à {threshold:flop} : le modèle modifié est présumé "
        "présenter un risque systémique."
    ),
    "compute.inherited": (
        "Le calcul d'autres poids à partir desquels le modèle a été initialisé ou avec "
        f"lesquels il a été fusionné, {{value:flop}}, compte dans sa {_CUMULATIVE}."
    ),
    "scope.internal_supplied": (
        "Le modèle est fourni à des utilisateurs professionnels enregistrés qui sont des "
        "tiers : fournir un modèle à des tiers, à titre onéreux ou gratuit, constitue une "
        "mise sur le marché ; il est donc évalué comme mis sur le marché, à compter de la "
        "première fourniture à l'un de ces utilisateurs professionnels enregistrés."
    ),
    "systemic.high_impact_recommended": (
        "Selon le libellé du règlement, Art. 51(1)(a) lu avec Art. 52(1), des capacités à "
        "fort impact imposent d'informer la Commission ; la Commission lit le règlement comme "
        "ne prévoyant, jusqu'à ce qu'un acte délégué précise des critères de référence, que "
        "deux déclencheurs de la notification (le seuil de calcul et la modification d'un "
        "modèle présentant un risque systémique). La notification est donc énumérée comme "
        "recommandée, non comme obligatoire."
    ),
    "notification.recommended_due": (
        "Les évaluations ont montré des capacités à fort impact le {known_on} : une "
        "notification est recommandée au plus tard le {due}."
    ),
    "notification.latest": (
        "Les réponses ne donnent pas la date à laquelle il a été établi que le seuil serait "
        "atteint ; la notification était due au plus tard deux semaines après la mise sur le "
        "marché du modèle : {due}."
    ),
    "notification.earliest_trigger": (
        "La notification est due deux semaines après le premier de ses déclencheurs : {due}."
    ),
    "notification.notified": "La Commission a reçu la notification le {notified_on}.",
    "notification.notified_late": (
        "La Commission a reçu la notification le {notified_on}, après la date d'échéance du {due}."
    ),
    "dates.planned_passed": (
        "La date prévue de mise sur le marché, {placed_on}, est passée : les obligations "
        "restent à venir jusqu'à la mise sur le marché du modèle."
    ),
    "dates.art55_planned": (
        "Les obligations de l'Art. 55 reçoivent la date fondée sur la mise sur le marché ; la "
        "Commission les lit comme s'appliquant dès que le modèle remplit la condition du "
        "risque systémique, ce qui peut précéder la mise sur le marché."
    ),
    "dates.art55_designation": (
        "Le risque systémique repose uniquement sur la désignation : les obligations de "
        "Art. 55 sont dues à compter de la date à laquelle le fournisseur a été informé de la "
        "décision de désignation, le {designated_on}."
    ),
    "dates.art55_designation_legacy": (
        "Le risque systémique repose uniquement sur la désignation, pour un modèle mis sur le "
        "marché avant le {apply_from} : les obligations de l'Art. 55 sont dues à la plus tardive "
        "des deux dates, la désignation, le {designated_on}, et le {comply_by}."
    ),
    "note.fines_overdue": (
        "À compter du {fines_from}, la Commission peut infliger à un fournisseur dont elle "
        "constate qu'il a enfreint le règlement de propos délibéré ou par négligence des "
        "amendes allant jusqu'à 3\u00a0% de son chiffre d'affaires annuel mondial total réalisé au "
        "cours de l'exercice précédent ou 15 000 000 EUR, le montant le plus élevé étant "
        "retenu (Art. 101(1)(a)) ; les plafonds inférieurs pour les PME (Art. 99(6)) ne "
        "s'appliquent pas à l'Art. 101."
    ),
    "note.reassessment_request": (
        "Le fournisseur peut demander à la Commission de réévaluer la désignation au plus tôt "
        "six mois après la décision de désignation, à compter du {earliest}, en avançant des "
        "raisons objectives, détaillées et nouvelles, puis de nouveau six mois après une "
        "décision qui la maintient."
    ),
    "note.ai_system_transparency": (
        "Pour un système d'IA fondé sur le modèle : les obligations de transparence de "
        "Art. 50(1) s'appliquent à compter du {transparency_from} ; le marquage des contenus "
        "générés au titre de l'Art. 50(2), pour les systèmes d'IA générative mis sur le marché "
        "avant le {transparency_from}, est dû au plus tard le {marking_by} (Art. 111(4), "
        "inséré par Regulation (EU) 2026/1744)."
    ),
    "note.ai_office_competence": (
        "Le Bureau de l'IA est seul compétent pour les systèmes d'IA fondés sur un modèle "
        "d'IA à usage général développé par le même fournisseur ou la même entreprise, à "
        "l'exception des produits relevant de l'Annex I, de l'Annex III points 2 et 8 et des "
        "organismes visés à l'Art. 74(6) (Art. 75(1)(a) tel que remplacé par "
        "Regulation (EU) 2026/1744)."
    ),
    "question.inherited": (
        "Poids hérités : le calcul d'autres poids à partir desquels le modèle a été "
        "initialisé ou avec lesquels il a été fusionné compte uniquement dans la quantité "
        "cumulée de calcul ; l'exclure du critère indicatif d'un modèle d'IA à usage général "
        "est la lecture retenue par cette évaluation."
    ),
    "question.planned_passed": (
        "La date prévue de mise sur le marché est passée : le modèle a-t-il été mis sur le "
        "marché ? Dans l'affirmative, répondez « mis sur le marché » avec la date, et les "
        "obligations s'appliquent."
    ),
    "question.designation_date_unknown": (
        "Quand le fournisseur a-t-il été informé de la décision de désignation ? Les "
        "obligations de l'Art. 55 sont dues à compter de ce moment ; sans cette date, elles "
        "conservent la date fondée sur la mise sur le marché."
    ),
    "question.modifier_designated": (
        "Le modèle modifié est désigné : celui qui modifie est considéré comme son "
        "fournisseur, quel que soit le résultat du critère du tiers, car la désignation "
        "concerne le modèle modifié."
    ),
    "question.lower_bound": (
        "Le calcul du modèle d'origine est inconnu : la quantité cumulée de calcul n'est "
        "qu'une borne inférieure ; un franchissement de {threshold:flop} n'est donc pas "
        "exclu. Déterminez le calcul du modèle d'origine (fiche du modèle, documentation "
        "technique, fournisseur d'origine)."
    ),
    "question.business_users_scope_unknown": (
        "Qui sont les utilisateurs professionnels enregistrés : des tiers, des sociétés du "
        "groupe du fournisseur, ou des personnes travaillant pour le fournisseur ? Les "
        "réponses ne le disent pas ; ils sont considérés comme des tiers, la lecture prudente."
    ),
    "question.group_users": (
        "Les utilisateurs professionnels enregistrés font partie du groupe du fournisseur ou "
        "travaillent "
        "pour lui ; l'utilisation est donc traitée comme interne. Les sociétés du groupe sont "
        "des personnes morales distinctes et le droit n'est pas fixé : leur fournir le modèle "
        "peut constituer une mise sur le marché."
    ),
    "question.internal_relevant_obligations": (
        "Un modèle présentant un risque systémique utilisé en interne reste soumis aux "
        "« obligations pertinentes » (Recital 97) : la question de savoir lesquelles de "
        "Art. 53(1)(b) et (d) comptent lorsque personne en aval ne reçoit le modèle est "
        "ouverte."
    ),
    "question.moe_upper_bound": (
        "Mélange d'experts : l'estimation compte les paramètres actifs. Comptée avec les "
        "{total:human} paramètres (les « paramètres totaux » des lignes directrices), elle "
        "serait d'au plus {upper:flop}, ce qui ne change rien ici. Une estimation par la "
        "méthode « matériel » est recommandée comme contre-vérification."
    ),
    "question.moe_upper_bound_systemic": (
        "Mélange d'experts : l'estimation compte les paramètres actifs. Comptée avec les "
        "{total:human} paramètres (les « paramètres totaux » des lignes directrices), elle "
        "serait d'au plus {upper:flop}, au-dessus de {threshold:flop} : le modèle serait "
        f"présumé présenter un risque systémique, et {_OPEN} ne s'appliquerait pas. Une "
        "estimation par la méthode « matériel » est recommandée comme contre-vérification."
    ),
    "question.moe_upper_bound_gpai": (
        "Mélange d'experts : l'estimation compte les paramètres actifs. Comptée avec les "
        "{total:human} paramètres (les « paramètres totaux » des lignes directrices), elle "
        "serait d'au plus {upper:flop}, au-dessus de {threshold:flop}, le critère indicatif "
        f"d'un {_GPAI}. Une estimation par la méthode « matériel » est recommandée comme "
        "contre-vérification."
    ),
    "question.moe_total_unknown": (
        "Mélange d'experts : l'estimation compte les paramètres actifs. Les paramètres totaux "
        "ne sont pas indiqués ; comptée avec eux (les « paramètres totaux » des lignes "
        "directrices), l'estimation serait plus élevée. Indiquez-les pour voir la borne "
        "supérieure ; une estimation par la méthode « matériel » est recommandée comme "
        "contre-vérification."
    ),
}

UNMET_CONDITIONS_FR: dict[str, str] = {
    "licence_permits_all": (
        "la licence n'accorde pas à tous l'accès, l'utilisation, la modification et la distribution"
    ),
    "weights_public": "les poids ne sont pas publics",
    "architecture_public": "les informations sur l'architecture ne sont pas publiques",
    "usage_public": "les informations sur l'utilisation ne sont pas publiques",
    "monetised": "le modèle est monétisé",
}

PARAM_WORDS_FR: dict[str, dict[str, str]] = {
    "method": {"direct": "directe", "architecture": "architecture", "hardware": "matériel"},
    "relation": {"greater than": "supérieur à", "not greater than": "inférieur ou égal à"},
    "fraction": {"one third": "un tiers"},
    "original": {"has": "présente un", "does not have": "ne présente pas de"},
    "outputs": {
        "text": "du texte",
        "audio": "de l'audio",
        "image": "des images",
        "video": "de la vidéo",
        "other": "d'autres contenus",
    },
    "chapters": {
        "Transparency": "« Transparence »",
        "Copyright": "« Droit d'auteur »",
        "Safety and Security": "« Sûreté et sécurité »",
    },
}
"""Words the engine passes as params, in French, by param name."""

DESCRIPTION_FR: tuple[tuple[str, str], ...] = (
    ("stated directly by the provider", "indiqué directement par le fournisseur"),
    ("active parameters (mixture of experts)", "paramètres actifs (mélange d'experts)"),
    ("training tokens", "jetons d'entraînement"),
    ("parameters", "paramètres"),
    ("FLOP/s peak", "FLOP/s en crête"),
    ("utilisation", "taux d'utilisation"),
    ("a chip", "une puce"),
)
"""Phrases of a compute description (``compute.describe``), in French, longest first."""

OBLIGATION_TITLES_FR: dict[str, str] = {
    "art53_1a": (
        "Documentation technique du modèle à l'intention du Bureau de l'IA et des autorités "
        "nationales compétentes"
    ),
    "art53_1b": (
        "Informations et documentation à l'intention des fournisseurs en aval qui intègrent "
        "le modèle dans leurs systèmes d'IA"
    ),
    "art53_1c": (
        "Politique visant à se conformer au droit de l'Union en matière de droit d'auteur et "
        "droits voisins, y compris le respect des réservations de droits à l'égard de la "
        "fouille de textes et de données"
    ),
    "art53_1d": (
        "Résumé public suffisamment détaillé du contenu utilisé pour entraîner le modèle, "
        "selon le modèle du Bureau de l'IA"
    ),
    "art54_rep": (
        "Mandataire établi dans l'Union, désigné par mandat écrit avant la mise sur le marché"
    ),
    "art52_notify": "Notifier la Commission sans tarder et dans un délai de deux semaines",
    "art55_1a": "Évaluation des modèles, y compris essais contradictoires",
    "art55_1b": "Évaluer et atténuer les risques systémiques éventuels au niveau de l'Union",
    "art55_1c": "Suivre, documenter et communiquer les incidents graves",
    "art55_1d": (
        "Niveau approprié de protection en matière de cybersécurité pour le modèle et son "
        "infrastructure physique"
    ),
}

FLAG_LABELS_FR: dict[str, str] = {
    "borderline": "Estimation à la limite",
    "methods_disagree": "Estimations divergentes",
    "moe_assumption": "Hypothèse du mélange d'experts",
    "generality_rebuttal": "Réfutation de la généralité",
    "designation_risk": "Risque de désignation",
    "modification_limited": "Obligations limitées à la modification",
    "notification_date_unknown": "Date de notification inconnue",
    "legacy_model": "Modèle mis sur le marché avant le {apply_from}",
    "planned_date_passed": "Date prévue de mise sur le marché passée",
    "compute_lower_bound": "La quantité cumulée de calcul est une borne inférieure",
    "notification_recommended": "Notification recommandée",
}

FLAG_EXPLANATIONS_FR: dict[str, str] = {
    "borderline": (
        "L'estimation du calcul se situe à moins de {margin} d'un seuil légal. Les lignes "
        "directrices exigent une estimation exacte à {margin} près ; une petite modification "
        "des données saisies pourrait changer le résultat."
    ),
    "methods_disagree": (
        "Deux méthodes d'estimation divergent de plus de {disagree_margin}. La méthode "
        "principale a été retenue ; les données des deux méthodes doivent être vérifiées."
    ),
    "moe_assumption": (
        "Pour un modèle à mélange d'experts, les paramètres actifs ont été comptés. Les "
        "lignes directrices parlent de paramètres totaux pour les transformeurs denses ; "
        "cette lecture suit la règle générale."
    ),
    "generality_rebuttal": (
        "Le modèle remplit le critère indicatif, mais le fournisseur déclare qu'il est "
        "spécialisé. Cette réfutation est exceptionnelle : le fournisseur conserve les "
        "preuves pour la justifier auprès du Bureau de l'IA."
    ),
    "designation_risk": (
        "La Commission pourrait désigner le modèle comme présentant un risque systémique "
        "(portée d'au moins {reach} utilisateurs professionnels enregistrés dans l'UE, "
        "capacités ou calcul). Le fournisseur surveille les critères de l'Annex XIII."
    ),
    "modification_limited": (
        "Celui qui modifie est le fournisseur du modèle modifié ; la documentation et les "
        "obligations relatives au droit d'auteur et aux données d'entraînement ne couvrent "
        "que la modification."
    ),
    "notification_date_unknown": (
        "Aucune date n'a été donnée pour le moment où il a été établi que le seuil serait "
        "atteint ; le délai exact de la notification au titre de l'Art. 52 est donc inconnu, "
        "une date affichée est la plus tardive possible. Il est peut-être déjà dépassé."
    ),
    "legacy_model": (
        "Mis sur le marché avant le {apply_from} : le modèle doit se mettre en conformité au "
        "plus tard le {comply_by}."
    ),
    "planned_date_passed": (
        "La date prévue de mise sur le marché est antérieure à la date de l'évaluation. Si le "
        "modèle a été mis sur le marché, l'évaluation est à refaire comme « mis sur le "
        "marché », avec la date effective ; jusque-là, ses obligations de l'Art. 53 et de "
        "Art. 54 restent à venir."
    ),
    "compute_lower_bound": (
        "Le calcul du modèle d'origine est inconnu ; la quantité cumulée de calcul indiquée "
        "ne le comprend donc pas : elle est au moins égale à la valeur affichée."
    ),
    "notification_recommended": (
        "Les propres évaluations du fournisseur montrent des capacités à fort impact. Selon "
        "le libellé du règlement (Art. 52(1)), la Commission doit recevoir une notification ; "
        "les lignes directrices de la Commission (§2.3.2, notes 6–7) ne la considèrent "
        "déclenchée que par le seuil de calcul et la modification d'un modèle présentant un "
        "risque systémique, jusqu'à ce qu'un acte délégué précise des critères de référence. "
        "Une notification est recommandée."
    ),
}

MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
