# CaféMap — français
app-name = CaféMap
untitled = Café sans titre
example-name = Exemple : World Café sur la coopération décentralisée

menu-file = Fichier
menu-edit = Édition
menu-map = Carte
menu-table = Table
menu-view = Affichage
menu-color = Couleur

cmd-new = Nouveau
cmd-open = Ouvrir…
cmd-save = Enregistrer
cmd-save-as = Enregistrer sous…
cmd-quit = Quitter
cmd-undo = Annuler
cmd-redo = Rétablir
cmd-cut = Couper
cmd-copy = Copier
cmd-paste = Coller
cmd-duplicate = Dupliquer
cmd-delete = Supprimer
cmd-select-all = Tout sélectionner
cmd-edit-text = Modifier le texte
cmd-add-child = Nouvelle note enfant
cmd-add-sibling = Nouvelle note sœur
cmd-recolor = Couleur : { $color }
cmd-arrange = Arranger la table
cmd-arrange-selection = Arranger la sélection
cmd-zoom-fit = Tout afficher
cmd-zoom-selection = Zoomer sur la sélection
cmd-zoom-in = Zoom avant
cmd-zoom-out = Zoom arrière
cmd-zoom-actual = Zoom 100 %
cmd-add-table = Nouvelle table
cmd-rename-table = Renommer la table (sa question)
cmd-delete-table = Supprimer la table
cmd-move-table-left = Déplacer la table à gauche
cmd-move-table-right = Déplacer la table à droite
cmd-next-table = Table suivante
cmd-previous-table = Table précédente
cmd-palette = Palette de commandes…

color-orange = orange
color-sky = bleu ciel
color-green = vert
color-yellow = jaune
color-blue = bleu
color-vermilion = vermillon
color-purple = violet
color-grey = gris

tray-label = Non classées ({ $count })
new-table-question = Nouvelle question ?
status-counts = { $tables ->
        [one] { $tables } table
       *[other] { $tables } tables
    } · { $themes ->
        [one] { $themes } thème
       *[other] { $themes } thèmes
    } · { $ideas ->
        [one] { $ideas } idée
       *[other] { $ideas } idées
    }
status-zoom = Zoom { $percent } %
status-selected = { $count ->
        [one] { $count } sélectionné
       *[other] { $count } sélectionnés
    }
status-hint = Glisser : déplacer ou sélectionner · Espace+glisser ou défiler : naviguer · Maj+glisser : ajouter à la sélection · Double-clic : modifier ou nouvelle note · Tab : note enfant
palette-hint = Tapez une commande…
error-title = Ce fichier n’a pas pu être ouvert
error-open-example = Ouvrir l’exemple à la place
error-edit = Modification refusée : { $reason }
confirm-title = Modifications non enregistrées
confirm-body = « { $name } » a des modifications non enregistrées.
confirm-save = Enregistrer
confirm-discard = Abandonner les modifications
confirm-cancel = Annuler
path-prompt-body = Aucune boîte de dialogue de fichiers n’est disponible sur ce système. Saisissez le chemin complet du fichier :
path-prompt-ok = OK
saved-to = Enregistré dans { $path }
editing-note = Texte de la note
empty-note = Note vide
cmd-select-left = Sélectionner la note à gauche
cmd-select-right = Sélectionner la note à droite
cmd-select-up = Sélectionner la note au-dessus
cmd-select-down = Sélectionner la note en dessous
cmd-nudge-left = Déplacer la sélection vers la gauche
cmd-nudge-right = Déplacer la sélection vers la droite
cmd-nudge-up = Déplacer la sélection vers le haut
cmd-nudge-down = Déplacer la sélection vers le bas

# Fichiers et partage
cmd-import = Importer…
cmd-export = Exporter en { $format }…
menu-export = Exporter
menu-open-recent = Ouvrir une carte récente
recent-empty = Aucune carte récente
recent-clear = Effacer la liste
format-pdf = PDF (.pdf)
format-png = image PNG (.png)
format-svg = dessin SVG (.svg)
format-md = plan Markdown (.md)
format-opml = plan OPML (.opml)
format-mm = carte Freeplane (.mm)
format-canvas = JSON Canvas (.canvas)
format-csv = tableur CSV (.csv)
format-html = page web (.html)
format-pdf-hint = Une page par table, à imprimer ou à envoyer
format-png-hint = Une image au format diapositive par table
format-svg-hint = Des dessins nets à toutes les tailles
format-md-hint = Plan en texte : question, thèmes, idées
format-opml-hint = Pour les logiciels de plans (Workflowy, Logseq, OmniOutliner…)
format-mm-hint = S’ouvre dans Freeplane et FreeMind
format-canvas-hint = S’ouvre dans Obsidian
format-csv-hint = Une ligne par idée, pour un tableur
format-html-hint = Un seul fichier qui s’ouvre dans tout navigateur, hors ligne : naviguer, zoomer, chercher, présenter
filter-import = Plans et cartes
filter-all = Tous les fichiers
path-prompt-hint = /home/…/carte.ron
path-prompt-empty = Saisissez le chemin d’un fichier.
path-prompt-missing = Ce fichier n’existe pas.
path-prompt-folder = C’est un dossier : ajoutez un nom de fichier à la fin.
path-prompt-no-folder = Ce dossier n’existe pas.
path-prompt-exists = { $path } existe déjà. Cliquez sur Remplacer pour l’écraser.
path-prompt-replace = Remplacer
dialog-busy = Une boîte de dialogue de fichiers est déjà ouverte.
drop-hint = Déposez le fichier pour l’ouvrir ou l’importer
drop-one-file = Un fichier à la fois : seul le premier fichier déposé a été ouvert.
imported = { $name } importé : { $tables ->
    [one] { $tables } table
   *[other] { $tables } tables
}, { $themes ->
    [one] { $themes } thème
   *[other] { $themes } thèmes
}, { $ideas ->
    [one] { $ideas } idée
   *[other] { $ideas } idées
}
imported-skipped = { $count ->
    [one] { $count } élément n’a pas été importé (voir ci-dessous)
   *[other] { $count } éléments n’ont pas été importés (voir ci-dessous)
}
import-report-title = Non importé depuis { $name }
import-report-close = Fermer
exporting = Export vers { $path }…
exported-to = Exporté dans { $path }
export-failed = Échec de l’export : { $reason }
export-unsorted = Non classées
export-left-out = { $count ->
    [one] { $count } note non classée laissée de côté (les diapositives n’ont pas de bac « Non classées »)
   *[other] { $count } notes non classées laissées de côté (les diapositives n’ont pas de bac « Non classées »)
}
exported-left-out = Exporté dans { $path } ; { $count ->
    [one] { $count } note non classée laissée de côté
   *[other] { $count } notes non classées laissées de côté
}
recovery-title = Restaurer le travail non enregistré ?
recovery-body = CaféMap s’est fermé avant l’enregistrement de « { $name } ». Une copie a été conservée automatiquement { $age }.
recovery-age-now = à l’instant
recovery-age-minutes = { $n ->
    [one] il y a { $n } minute
   *[other] il y a { $n } minutes
}
recovery-age-hours = { $n ->
    [one] il y a une heure
   *[other] il y a { $n } heures
}
recovery-age-days = { $n ->
    [one] hier
   *[other] il y a { $n } jours
}
recovery-restore = Restaurer
recovery-discard = Supprimer la copie
recovery-unreadable = Cette copie est illisible : { $reason }
recovery-restored = Restauré depuis la copie automatique : enregistrez pour le conserver.
recovery-saved-apart = La copie d’une autre carte a été restaurée dans { $path } (la carte ouverte reste ouverte) : ouvrez-la par Fichier ▸ Ouvrir.
recovery-more = { $count ->
    [one] Une autre copie automatique sera proposée au prochain démarrage.
   *[other] { $count } autres copies automatiques seront proposées au prochain démarrage.
}
autosave-off = Copies automatiques désactivées : { $reason }

# Présentation
cmd-present = Présenter
cmd-presentation-panel = Ordre de présentation et notes
present-panel-title = Présentation
present-table-shown = Présenter cette table
present-action-legend = une action à mener après le café
present-order = Ordre des branches
present-order-hint = Présentées l’une après l’autre, dans cet ordre.
present-move-up = Monter
present-move-down = Descendre
present-shown = Montrée pendant la présentation
present-reset-order = Suivre la carte
present-reset-order-hint = Dans le sens des aiguilles d’une montre, en partant du haut, comme sur la carte
present-select-hint = Sélectionnez un nœud pour écrire ses notes du présentateur.
present-hidden = Masquer pendant la présentation
present-merged-from = Recollée à partir de
present-notes = Notes du présentateur
present-notes-hint = Ce que vous direz ici (vous seul le voyez)
present-table = Table { $n }
present-kind-title = Titre
present-kind-question = Question
present-kind-branch = Thème
present-kind-idea = Idée
present-kind-table = Table entière
presenter-title = Mode présentateur
presenter-step = Étape { $n } sur { $total }
presenter-now = À l’écran
presenter-next = À suivre
presenter-end = Fin de la présentation.
presenter-no-notes = Pas de notes ici.
presenter-reset = Remettre le chrono à zéro
presenter-previous = ← Précédent
presenter-next-step = Suivant →
presenter-blank = Écran noir (B)
presenter-blanked = La salle voit un écran noir.
presenter-swap = Inverser les écrans
presenter-leave = Terminer la présentation (Échap)
presenter-coming = À venir
presenter-hint = → Espace Page suiv. : suivant · ← Page préc. : retour · 1–9 : table · L : pointeur laser · P : cette fenêtre
cmd-merge = Fusionner les notes
cmd-split = Scinder la note
cmd-tidy = Ranger les notes…
tidy-title = Ranger
tidy-summary = À partir { $fragments ->
    [one] d’un fragment
   *[other] de { $fragments } fragments
} : { $joins ->
    [one] une jonction
   *[other] { $joins } jonctions
}, { $tables ->
    [one] une table
   *[other] { $tables } tables
}, { $themes ->
    [one] un thème
   *[other] { $themes } thèmes
} proposés.
tidy-hint = Décochez ce qui est faux, puis Appliquer. Rien ne change avant ; une seule annulation défait tout.
tidy-accept-all = Tout accepter
tidy-apply = Appliquer
tidy-cancel = Annuler
tidy-section-title = Titre de l’évènement
tidy-section-tables = Tables ({ $count })
tidy-section-themes = Thèmes ({ $count })
tidy-section-joins = Notes recollées ({ $count })
tidy-table = Table { $number } : { $question } — { $count ->
    [one] une note
   *[other] { $count } notes
}
tidy-theme = { $text } — { $count ->
    [one] une note
   *[other] { $count } notes
}
tidy-join-pieces = Recolle : { $pieces }
tidy-section-splits = Lignes coupées en deux ({ $count })
tidy-split-pieces = Coupe la ligne : { $line }
tidy-header = En-tête : { $text }
tidy-nothing = Rien à ranger : ni note coupée, ni question, ni thème trouvés.
tidy-applied = Notes rangées. Annuler (Ctrl+Z) rend les fragments.
cmd-find-threads = Trouver les fils communs…
cmd-go-to-original = Aller à l’original
cmd-coverage-matrix = Matrice de couverture
threads-title = Fils communs
threads-summary = { $threads ->
    [0] Aucun fil
    [one] Un fil
   *[other] { $threads } fils
} ({ $grouped } idées sur { $ideas }) : des idées proches, d’une table à l’autre et dans une même table.
threads-hint = Cochez les fils à garder, renommez-les, retirez ce qui n’y a pas sa place, fusionnez ou rejetez ; Construire ajoute une table de synthèse (une seule annulation la retire).
threads-question = Question de la synthèse
threads-default-question = Synthèse : les fils communs des tables
threads-build = Construire la synthèse ({ $count })
threads-close = Fermer
threads-synonyms = Synonymes
threads-synonyms-hint = Un groupe par ligne (Maj+Entrée pour aller à la ligne), mots ou expressions séparés par des virgules : ils comptent comme un même mot. Enregistrés dans la carte.
threads-synonyms-field = Groupes de synonymes
threads-synonyms-save = Enregistrer et chercher à nouveau
threads-none = Aucune idée n’en rappelle assez une autre. Des synonymes peuvent aider.
threads-nothing = Aucun fil commun : aucune idée n’en rappelle assez une autre.
threads-accept = Garder
threads-name = Nom
threads-spread = { $ideas } idées, { $tables ->
    [one] une table
   *[other] { $tables } tables
}
threads-merge = Fusionner avec…
threads-reject = Rejeter
threads-table = Table { $number }
threads-votes = { $count ->
    [one] une gommette
   *[other] { $count } gommettes
}
threads-remove-idea = Retirer cette idée du fil
threads-jump = La montrer sur sa table
threads-more = En montrer plus (encore { $count })
threads-built = Table de synthèse ajoutée : { $count ->
    [one] un fil
   *[other] { $count } fils
}. Annuler (Ctrl+Z) la retire.
threads-not-a-reference = Ce n’est pas une note de synthèse : sélectionnez une note qui renvoie à une idée d’une autre table.
matrix-title = Matrice de couverture
matrix-rows-threads = Fils
matrix-rows-themes = Thèmes
matrix-row-header = Sujet
matrix-table = Table
matrix-ideas = idées
matrix-votes = gommettes
matrix-spread = Tables
matrix-spread-value = { $count } sur { $of }
matrix-cell = { $row } — table { $table }
matrix-hint = Idées par table (● gommettes). Cliquez un nombre pour voir ses idées.
matrix-no-threads = Pas encore de table de synthèse : trouvez les fils communs, gardez-en, puis Construire.
matrix-no-themes = Pas encore de thèmes.
matrix-export-csv = Exporter la matrice en CSV…
matrix-file = couverture
cmd-toggle-link = Relier ou délier les deux notes sélectionnées
nothing-to-split = Rien à scinder : placez le curseur là où la note doit se couper (F2), ou séparez par des retours à la ligne ou des points

# Find and replace
cmd-find = Rechercher…
cmd-replace = Remplacer…
cmd-find-next = Occurrence suivante
cmd-find-previous = Occurrence précédente
find-label = Rechercher
find-hint = dans toutes les tables, notes et notes d’orateur
find-none = Aucun résultat
find-count = { $current } sur { $total }
find-total = { $total ->
        [one] { $total } résultat
       *[other] { $total } résultats
    }
find-previous = Occurrence précédente (Maj+Entrée)
find-next = Occurrence suivante (Entrée)
find-show-replace = Remplacer…
find-close = Fermer (Échap)
replace-label = Remplacer par
replace-one = Remplacer
replace-all = Tout remplacer
replaced = { $count ->
        [one] { $count } remplacement
       *[other] { $count } remplacements
    }
palette-none = Aucune commande ne correspond à « { $query } ».
new-event-heading = Nouveau café
new-event-body = Son titre, sa date et la question de chaque table. Tout reste modifiable ; « Passer » part d’un café vierge.
new-event-title = Titre
new-event-date = Date
new-event-date-hint = ex. 12 mars 2026
new-event-questions = Questions des tables, une par ligne (collez le plan : puces et numéros sont retirés)
new-event-questions-hint = Une question par ligne
new-event-count = { $tables ->
    [one] 1 table sera créée.
   *[other] { $tables } tables seront créées.
}
new-event-create = Créer
new-event-skip = Passer

## Replier et plan
cmd-toggle-fold = Replier ou déplier
cmd-toggle-fold-all = Tout replier ou déplier en dessous
cmd-outline = Plan
map-tree = Carte de la table
outline-title = Plan
outline-fold = Replier ({ $count } en dessous)
outline-unfold = Déplier ({ $count } masqués)
# Le compte-rendu : Fichier ▸ Exporter ▸ Compte-rendu… et `cafemap report`
report-kind = Compte-rendu de restitution
report-date = Date
report-place = Lieu
report-organisers = Organisation
report-facilitators = Animation
report-partner-safe-note = Version partenaires : sans notes d’animation, noms de contributeurs ni notes masquées de la présentation.
report-summary = En bref
report-summary-counts = { $tables ->
        [one] { $tables } table
       *[other] { $tables } tables
    } · { $themes ->
        [one] { $themes } thème
       *[other] { $themes } thèmes
    } · { $ideas ->
        [one] { $ideas } idée
       *[other] { $ideas } idées
    } · { $votes ->
        [one] { $votes } vote
       *[other] { $votes } votes
    }
report-table-ideas = { $ideas ->
        [one] { $ideas } idée
       *[other] { $ideas } idées
    }
report-top-ideas = Les idées les plus votées
report-threads = Fils communs
report-thread-tables = { $ideas ->
        [one] { $ideas } idée
       *[other] { $ideas } idées
    } de { $tables }
report-table = Table { $n }
report-table-question = Table { $n } : { $question }
report-map = Carte de la table { $n }
report-map-synthesis = Carte de la synthèse
report-on-question = Idées sur la question
report-votes = { $count ->
        [one] { $count } vote
       *[other] { $count } votes
    }
report-round = tour { $round }
report-from-table = venue de la table { $n }
report-by = par { $name }
report-owner-due = responsable : { $owner } · échéance : { $due }
report-owner = responsable : { $owner }
report-due = échéance : { $due }
report-speaker-note = Note d’animation : { $note }
report-synthesis = Synthèse
report-matrix = Matrice de couverture
report-matrix-intro = Combien d’idées de chaque table chaque fil commun rassemble.
report-thread = Fil
report-total = Total
report-actions = Actions
report-action = Action
report-action-owner = Responsable
report-action-due = Échéance
report-action-table = Table
report-annex = Annexe : notes non classées
report-idea = Idée
report-votes-column = Votes
report-rank = N°
report-page = Page { $page } sur { $pages }
report-dialog-heading = Exporter le compte-rendu
report-dialog-body = Le compte-rendu que reçoivent les partenaires : page de titre, résumé, carte et idées de chaque table, synthèse, actions et notes non classées.
report-dialog-format = Format
report-format-pdf = PDF, à imprimer ou à envoyer
report-format-odt = ODT, à modifier (LibreOffice, Word)
report-format-html = HTML, à lire dans un navigateur
export-partner-safe = Version partenaires : sans notes d’animation, noms de contributeurs ni notes masquées
report-dialog-partner-safe = Version partenaires : sans notes d’animation, noms de contributeurs ni notes masquées
report-dialog-outline = Plan
report-dialog-export = Exporter…
report-dialog-cancel = Annuler
cmd-export-report = Exporter le compte-rendu…
menu-export-report = Compte-rendu…
# La carte HTML (mots que la page ajoute)
html-untitled = World Café
html-table = Table { $number }
html-no-table = Ce café n’a pas encore de table.
html-search = Rechercher
html-zoom-in = Zoom avant (+)
html-zoom-out = Zoom arrière (−)
html-fit = Ajuster
html-fit-hint = Voir toute la carte (0)
html-list = Liste
html-step-back = Étape précédente (←)
html-step-next = Présenter : étape suivante (→)
html-step = Étape { $step }
html-matches = Trouvé : { $matches }
html-no-match = Aucun résultat
html-dots = { $count ->
    [one] 1 gommette
   *[other] { $count } gommettes
}
html-round = tour { $round }
html-from-table = venue de la table { $number }
html-owner = porteur : { $owner }
html-due = échéance { $due }
## Récolte : gommettes, étiquettes, actions, provenance
menu-harvest = Récolte
cmd-add-dot = Ajouter une gommette
cmd-remove-dot = Retirer une gommette
cmd-next-dot-kind = Sorte de gommette suivante
cmd-dot-kinds = Sortes de gommettes…
cmd-tag-selection = Étiquettes de la sélection…
cmd-edit-action = Porteur et échéance de l’action…
cmd-set-origin = Tour et contributeur…
cmd-arrange-by-votes = Disposer selon les votes
cmd-top-ideas = Idées phares
cmd-tags-panel = Étiquettes
cmd-actions-panel = Actions
harvest-tab-top = Idées phares
harvest-tab-tags = Étiquettes
harvest-tab-actions = Actions
harvest-all = Toutes
dots-default-kind = Gommettes
dots-kind-n = Sorte { $n }
dots-now-adding = Gommette ajoutée désormais : { $kind }
dots-picker-hint = La sorte de gommette qu’ajoutent les touches et les clics sur les gommettes d’une note
filter-table-n = Table { $n }
filter-round = Tour
filter-round-n = Tour { $n }
filter-origin-table = Écrite à
top-filter-table = Table
top-filter-theme = Thème
top-filter-kind = Sorte de gommette
top-empty = Aucune idée ne répond à ces filtres.
top-hint = Cliquez sur une idée pour la montrer sur sa table.
top-col-rank = N°
top-col-idea = Idée
top-col-dots = Gommettes
top-col-table = Table
tags-empty = Pas encore d’étiquettes : tapez #mot dans une note, ou utilisez Récolte ▸ Étiquettes de la sélection.
tags-hint = Cliquez sur une étiquette pour entourer ses notes sur toutes les tables.
tags-count = { $count ->
        [one] 1 note
       *[other] { $count } notes
    }
actions-empty = Pas encore d’actions : étiquetez une idée #action, puis donnez-lui un porteur et une échéance.
actions-col-action = Action
actions-col-owner = Porteur
actions-col-due = Échéance
actions-col-table = Table
actions-sort-hint = Trier selon cette colonne (à nouveau : à l’envers)
actions-edit-of = Porteur et échéance de « { $action } »
dialog-ok = OK
dialog-cancel = Annuler
dialog-close = Fermer
dot-kinds-title = Sortes de gommettes
dot-kinds-hint = Nommez jusqu’à quatre sortes de gommettes (par exemple priorité, faisable, réserve), chacune de sa couleur. Elles sont comptées séparément partout.
dot-kinds-remove = Retirer cette sorte
dot-kinds-add = Ajouter une sorte
tags-dialog-title = { $count ->
        [one] Étiquettes de la note
       *[other] Étiquettes de { $count } notes
    }
tags-new = Nouvelle étiquette
tags-new-hint = budget, jeunesse…
tags-add = Ajouter
action-title = Action
action-owner = Porteur
action-due = Échéance
origin-title = { $count ->
        [one] D’où vient la note
       *[other] D’où viennent { $count } notes
    }
origin-round = Tour
origin-round-hint = 0 efface le tour
origin-contributor = Contributeur ou groupe
present-fewest-votes-first = Dévoiler les idées de la moins à la plus votée
present-fewest-votes-first-hint = Dans chaque thème, les idées arrivent de celle qui a le moins de gommettes à celle qui en a le plus : la préférée de la salle vient en dernier.
present-top-ideas-step = Finir par les idées phares
present-top-ideas-step-hint = Une dernière étape liste les idées les plus votées de l’événement.
present-kind-top-ideas = Idées phares

## Café properties
cmd-cafe-properties = Propriétés du café…
cafe-properties-title = Propriétés du café
cafe-language = Langue
cafe-language-hint = Ce que reçoivent les partenaires (compte-rendu et exports) est écrit dans cette langue ; les notes restent telles quelles.
cafe-language-fr = Français
cafe-language-en = Anglais

## Fusionner la copie d’un partenaire (Fichier ▸ Fusionner une copie…)
cmd-merge-copy = Fusionner une copie…
merge-title = Fusionner une copie
merge-from = Ce que { $file } a changé :
merge-three-way = Les copies partagent leur historique : chaque élément est un changement de l’autre copie.
merge-two-way = Comparaison note par note : leurs ajouts sont cochés, rien du vôtre ne change sans coche.
merge-summary = { $count ->
        [one] { $count } élément
       *[other] { $count } éléments
    }, { $ticked ->
        [one] { $ticked } coché
       *[other] { $ticked } cochés
    }, { $conflicts ->
        [one] { $conflicts } conflit
       *[other] { $conflicts } conflits
    }
merge-apply = Appliquer
merge-cancel = Annuler
merge-tick-all = Tout cocher
merge-untick-all = Tout décocher
merge-nothing = L’autre copie n’a rien changé.
merge-group-event = L’événement
merge-group-table = Table { $number } : { $question }
merge-group-new-table = Nouvelles tables
merge-ours = La vôtre
merge-theirs = La leur
merge-keep-both = Garder les deux
merge-keep-ours = Garder la vôtre
merge-keep-theirs = Garder la leur
merge-rescued-hint = Son thème a été supprimé dans l’autre copie : elle va dans le bac « Non classées ». Décochez pour la laisser partir.
merge-applied = Copie fusionnée. Annuler (Ctrl+Z) reprend le tout.
merge-kind-table-added = Table ajoutée
merge-kind-table-removed = Table supprimée
merge-kind-added = Ajoutée
merge-kind-rescued = Sauvée
merge-kind-removed = Supprimée
merge-kind-moved = Déplacée
merge-kind-text = Texte
merge-kind-conflict = Conflit
merge-kind-votes = Votes
merge-kind-tags = Étiquettes
merge-kind-color = Couleur
merge-kind-origin = Origine
merge-kind-action = Action
merge-kind-other = Modifiée
merge-kind-links = Liens
merge-kind-event = Événement
merge-kind-edit-deleted = Modifiée et supprimée
merge-with-below = avec { $count ->
    [one] une note
   *[other] { $count } notes
} en dessous
merge-deleted = (supprimée)
merge-keep-changed = Garder la note modifiée
merge-let-go = La laisser partir
cmd-trim-history = Alléger l’historique…
save-as-without-history = Enregistrer sous… sans historique
save-as-without-history-hint = Le fichier ne garde que la carte, pas son historique (textes supprimés, noms saisis avant). Une copie ne pourra être fusionnée que note par note.
save-plain-title = Enregistrer sans historique ?
save-plain-body = { $file } contiendra la carte telle qu’elle est, sans son historique : aucun texte supprimé ni version antérieure. Les copies de cette carte ne s’y fusionneront que note par note, et cette carte est désormais enregistrée sans historique.
save-plain-yes = Enregistrer sans historique
trim-title = Alléger l’historique ?
trim-body = La carte ne garde que ce qu’elle contient maintenant : les textes supprimés et les versions antérieures sont oubliés, et le fichier s’allège une fois enregistré. Les copies de cette carte envoyées aux partenaires avant ses dernières modifications ne se fusionneront plus que par comparaison note par note : rien des leurs n’est rapproché automatiquement, chaque différence est à revoir.
trim-yes = Alléger l’historique
trim-done = Historique allégé. Enregistrez pour l’écrire ; les copies envoyées avant ses dernières modifications se fusionnent note par note.
trim-nothing = Cette carte n’a pas encore d’historique à alléger.
drop-map-title = Ouvrir ou fusionner ?
drop-map-body = { $file } est une carte. L’ouvrir à la place de celle-ci, ou fusionner ce qu’elle a changé dans cette carte (la copie d’un partenaire) ?
drop-map-merge = Fusionner dans cette carte
drop-map-open = L’ouvrir
history-set-aside = La carte est ouverte, mais son historique a été mis de côté ({ $reason }) : les copies envoyées avant ses dernières modifications se fusionnent note par note.

# Session en direct (Fichier ▸ Session en direct)
menu-live = Session en direct
cmd-live-start = Démarrer une session en direct…
cmd-live-join = Rejoindre une session en direct…
cmd-live-leave = Quitter la session en direct
live-start-title = Démarrer une session en direct
live-start-body = Cette carte devient un salon que les preneurs de notes rejoignent avec son lien. Le relais tourne dans cette fenêtre : gardez-la ouverte pendant le café.
live-start-addr = Écouter sur
live-start-addr-hint = 127.0.0.1:7878 ne sert que cet ordinateur. Pour les preneurs de notes sur le réseau du lieu, tapez l'adresse de ce portable sur ce réseau, par ex. 192.168.1.10:7878.
live-start = Démarrer
live-join-title = Rejoindre une session en direct
live-join-body = Collez le lien donné par l'animateur. Ouvrez d'abord votre copie de la carte de l'événement : le salon et la carte doivent venir du même fichier.
live-join-link = Lien
live-join = Rejoindre
live-link-title = Session en direct démarrée
live-link-body = Donnez ce lien aux preneurs de notes (sur papier ou par message : qui l'a peut écrire dans la carte).
live-copy = Copier
live-copied = Lien copié.
live-close = Fermer
live-cancel = Annuler
live-connected = En direct · connecté
live-connecting = En direct · connexion…
live-offline = En direct · hors ligne, { $count ->
    [0] aucune modification en attente
    [one] 1 modification en attente
   *[other] { $count } modifications en attente
}
live-offline-unknown = En direct · hors ligne, nouvel essai en cours
live-refused = Le relais a refusé ce lien (jeton erroné, ou salon disparu). La session en direct est terminée.
live-not-same-map = Cette carte n'est pas celle du salon : elles n'ont pas d'historique commun. Ouvrez la copie de la carte avec laquelle la session a été démarrée, puis rejoignez-la.
live-left = Session en direct terminée. Vos modifications sont dans la carte ; enregistrez-la pour les garder.
live-draft-kept = Quelqu'un a modifié la note que vous tapez : elle dit maintenant « { $theirs } ». Choisissez quoi garder dans l'encadré.
live-draft-gone = Quelqu'un a supprimé la note que vous tapiez ; votre texte est dans le presse-papiers : « { $text } ».
live-name = Votre nom
live-name-hint = Les autres le voient à côté de la table où vous êtes. Il est retenu pour la prochaine fois.
live-name-missing = Tapez votre nom : les autres le voient à côté de la table où vous êtes.
live-table-links = Ou donnez à chaque preneur de notes le lien de sa table : sa fenêtre s'ouvre dessus.
live-copy-table = Copier le lien de la table { $table }
live-connected-people = En direct · connecté · { $count ->
    [one] 1 personne
   *[other] { $count } personnes
}
live-people-hint = Qui est à quelle table (cliquer)
live-people-title = Qui est où
live-person = { $name } — table { $table }
live-person-me = { $name } (vous) — table { $table }
live-person-nowhere = { $name }
live-person-me-nowhere = { $name } (vous)
live-conflict-title = Quelqu'un d'autre a modifié cette note
live-conflict-body = Vous tapez dans une note qu'un autre preneur de notes a modifiée entre-temps. Votre texte est gardé. Choisissez quoi garder : c'est fait quand vous validez (Entrée), ou tout de suite avec Appliquer.
live-conflict-apply = Appliquer
undo-kept = Annulé, sauf ce que d'autres ont modifié depuis : { $what }.
redo-kept = Rétabli, sauf ce que d'autres ont modifié depuis : { $what }.
undo-kept-text = « { $note } » (leur texte recouvre le vôtre)
undo-kept-deleted = une note qu'ils ont supprimée
undo-kept-changed = « { $note } » (déplacée ou modifiée par eux)
undo-kept-event = les informations du café
