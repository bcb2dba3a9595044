# CaféMap — English
app-name = CaféMap
untitled = Untitled café
example-name = Example: World Café on decentralised cooperation

menu-file = File
menu-edit = Edit
menu-map = Map
menu-table = Table
menu-view = View
menu-color = Colour

cmd-new = New
cmd-open = Open…
cmd-save = Save
cmd-save-as = Save as…
cmd-quit = Quit
cmd-undo = Undo
cmd-redo = Redo
cmd-cut = Cut
cmd-copy = Copy
cmd-paste = Paste
cmd-duplicate = Duplicate
cmd-delete = Delete
cmd-select-all = Select all
cmd-edit-text = Edit text
cmd-add-child = New child note
cmd-add-sibling = New sibling note
cmd-recolor = Colour: { $color }
cmd-arrange = Arrange the table
cmd-arrange-selection = Arrange the selection
cmd-zoom-fit = Zoom to fit
cmd-zoom-selection = Zoom to selection
cmd-zoom-in = Zoom in
cmd-zoom-out = Zoom out
cmd-zoom-actual = Zoom 100 %
cmd-add-table = New table
cmd-rename-table = Rename table (edit its question)
cmd-delete-table = Delete table
cmd-move-table-left = Move table left
cmd-move-table-right = Move table right
cmd-next-table = Next table
cmd-previous-table = Previous table
cmd-palette = Command palette…

color-orange = orange
color-sky = sky blue
color-green = green
color-yellow = yellow
color-blue = blue
color-vermilion = vermilion
color-purple = purple
color-grey = grey

tray-label = Unsorted ({ $count })
new-table-question = New question?
status-counts = { $tables ->
        [one] { $tables } table
       *[other] { $tables } tables
    } · { $themes ->
        [one] { $themes } theme
       *[other] { $themes } themes
    } · { $ideas ->
        [one] { $ideas } idea
       *[other] { $ideas } ideas
    }
status-zoom = Zoom { $percent } %
status-selected = { $count ->
        [one] { $count } selected
       *[other] { $count } selected
    }
status-hint = Drag: move or select · Space+drag or scroll: pan · Shift+drag: add to selection · Double-click: edit or new note · Tab: new child
palette-hint = Type a command…
error-title = This file could not be opened
error-open-example = Open the example instead
error-edit = This change was refused: { $reason }
confirm-title = Unsaved changes
confirm-body = “{ $name }” has changes that are not saved.
confirm-save = Save
confirm-discard = Discard changes
confirm-cancel = Cancel
path-prompt-body = No file dialog is available on this system. Type the file’s full path:
path-prompt-ok = OK
saved-to = Saved to { $path }
editing-note = Note text
empty-note = Empty note
cmd-select-left = Select the note to the left
cmd-select-right = Select the note to the right
cmd-select-up = Select the note above
cmd-select-down = Select the note below
cmd-nudge-left = Move the selection left
cmd-nudge-right = Move the selection right
cmd-nudge-up = Move the selection up
cmd-nudge-down = Move the selection down

# Files and sharing
cmd-import = Import…
cmd-export = Export as { $format }…
menu-export = Export
menu-open-recent = Open recent
recent-empty = No recent maps
recent-clear = Clear the list
format-pdf = PDF (.pdf)
format-png = PNG picture (.png)
format-svg = SVG drawing (.svg)
format-md = Markdown outline (.md)
format-opml = OPML outline (.opml)
format-mm = Freeplane map (.mm)
format-canvas = JSON Canvas (.canvas)
format-csv = CSV spreadsheet (.csv)
format-html = Web page (.html)
format-pdf-hint = One page per table, to print or send
format-png-hint = One slide-sized picture per table
format-svg-hint = Drawings that stay sharp at any size
format-md-hint = Text outline: question, themes, ideas
format-opml-hint = For outliners (Workflowy, Logseq, OmniOutliner…)
format-mm-hint = Opens in Freeplane and FreeMind
format-canvas-hint = Opens in Obsidian
format-csv-hint = One row per idea, for a spreadsheet
format-html-hint = One file that opens in any browser, offline: pan, zoom, search, present
filter-import = Outlines and maps
filter-all = All files
path-prompt-hint = /home/…/map.ron
path-prompt-empty = Type a file path.
path-prompt-missing = There is no such file.
path-prompt-folder = This is a folder: type a file name at the end.
path-prompt-no-folder = This folder does not exist.
path-prompt-exists = { $path } already exists. Click Replace to overwrite it.
path-prompt-replace = Replace
dialog-busy = A file dialog is already open.
drop-hint = Drop to open or import
drop-one-file = One file at a time: only the first dropped file was opened.
imported = Imported { $name }: { $tables ->
    [one] { $tables } table
   *[other] { $tables } tables
}, { $themes ->
    [one] { $themes } theme
   *[other] { $themes } themes
}, { $ideas ->
    [one] { $ideas } idea
   *[other] { $ideas } ideas
}
imported-skipped = { $count ->
    [one] one item was not imported (see below)
   *[other] { $count } items were not imported (see below)
}
import-report-title = Not imported from { $name }
import-report-close = Close
exporting = Exporting to { $path }…
exported-to = Exported to { $path }
export-failed = Export failed: { $reason }
export-unsorted = Unsorted
export-left-out = { $count ->
    [one] 1 unsorted note was left out (slides show no Unsorted tray)
   *[other] { $count } unsorted notes were left out (slides show no Unsorted tray)
}
exported-left-out = Exported to { $path }; { $count ->
    [one] 1 unsorted note was left out
   *[other] { $count } unsorted notes were left out
}
recovery-title = Restore unsaved work?
recovery-body = CaféMap closed before “{ $name }” was saved. A copy was kept automatically { $age }.
recovery-age-now = a moment ago
recovery-age-minutes = { $n ->
    [one] a minute ago
   *[other] { $n } minutes ago
}
recovery-age-hours = { $n ->
    [one] an hour ago
   *[other] { $n } hours ago
}
recovery-age-days = { $n ->
    [one] yesterday
   *[other] { $n } days ago
}
recovery-restore = Restore
recovery-discard = Discard the copy
recovery-unreadable = This copy cannot be read: { $reason }
recovery-restored = Restored from the automatic copy: save it to keep it.
recovery-saved-apart = The copy of another map was restored to { $path } (the map you opened stays open): open it from File ▸ Open.
recovery-more = { $count ->
    [one] One more automatic copy will be offered at the next start.
   *[other] { $count } more automatic copies will be offered at the next start.
}
autosave-off = Automatic copies are off: { $reason }

# Presentation
cmd-present = Present
cmd-presentation-panel = Presentation order and notes
present-panel-title = Presentation
present-table-shown = Present this table
present-action-legend = an action to carry out after the café
present-order = Order of the branches
present-order-hint = Presented one after the other, in this order.
present-move-up = Move up
present-move-down = Move down
present-shown = Shown in the presentation
present-reset-order = Follow the map
present-reset-order-hint = Clockwise from the top, as on the map
present-select-hint = Select a node to write its speaker notes.
present-hidden = Hide from the presentation
present-merged-from = Joined from
present-notes = Speaker notes
present-notes-hint = What to say here (only you see it)
present-table = Table { $n }
present-kind-title = Title
present-kind-question = Question
present-kind-branch = Theme
present-kind-idea = Idea
present-kind-table = Whole table
presenter-title = Presenter view
presenter-step = Step { $n } of { $total }
presenter-now = On screen
presenter-next = Next
presenter-end = End of the presentation.
presenter-no-notes = No speaker notes here.
presenter-reset = Restart timer
presenter-previous = ← Previous
presenter-next-step = Next →
presenter-blank = Black screen (B)
presenter-blanked = The room sees a black screen.
presenter-swap = Swap screens
presenter-leave = End presentation (Esc)
presenter-coming = Coming up
presenter-hint = → Space PageDown: next · ← PageUp: back · 1–9: table · L: laser · P: this window
cmd-merge = Merge notes
cmd-split = Split note
cmd-tidy = Tidy notes…
tidy-title = Tidy
tidy-summary = From { $fragments ->
    [one] one fragment
   *[other] { $fragments } fragments
}: { $joins ->
    [one] one join
   *[other] { $joins } joins
}, { $tables ->
    [one] one table
   *[other] { $tables } tables
}, { $themes ->
    [one] one theme
   *[other] { $themes } themes
} proposed.
tidy-hint = Untick what is wrong, then Apply. Nothing changes before; one Undo takes it all back.
tidy-accept-all = Accept all
tidy-apply = Apply
tidy-cancel = Cancel
tidy-section-title = Event title
tidy-section-tables = Tables ({ $count })
tidy-section-themes = Themes ({ $count })
tidy-section-joins = Notes joined ({ $count })
tidy-table = Table { $number }: { $question } — { $count ->
    [one] one note
   *[other] { $count } notes
}
tidy-theme = { $text } — { $count ->
    [one] one note
   *[other] { $count } notes
}
tidy-join-pieces = Joins: { $pieces }
tidy-section-splits = Lines split in two ({ $count })
tidy-split-pieces = Splits the line: { $line }
tidy-header = Header: { $text }
tidy-nothing = Nothing to tidy: no broken notes, questions or themes found.
tidy-applied = Tidied. Undo (Ctrl+Z) brings the fragments back.
cmd-find-threads = Find common threads…
cmd-go-to-original = Go to original
cmd-coverage-matrix = Coverage matrix
threads-title = Common threads
threads-summary = { $threads ->
    [0] No thread
    [one] One thread
   *[other] { $threads } threads
} ({ $grouped } of { $ideas } ideas): similar ideas across and within tables.
threads-hint = Tick the threads to keep, rename them, take out what does not belong, merge or reject; Build adds a synthesis table (one Undo takes it back).
threads-question = Synthesis question
threads-default-question = Synthesis: the common threads of the tables
threads-build = Build synthesis ({ $count })
threads-close = Close
threads-synonyms = Synonyms
threads-synonyms-hint = One group per line (Shift+Enter starts a line), words or phrases separated by commas: they count as the same word. Saved in the map.
threads-synonyms-field = Synonym groups
threads-synonyms-save = Save and find again
threads-none = No two ideas look alike enough. Synonyms may help.
threads-nothing = No common thread found: no two ideas look alike enough.
threads-accept = Accept
threads-name = Name
threads-spread = { $ideas } ideas, { $tables ->
    [one] one table
   *[other] { $tables } tables
}
threads-merge = Merge into…
threads-reject = Reject
threads-table = Table { $number }
threads-votes = { $count ->
    [one] one vote
   *[other] { $count } votes
}
threads-remove-idea = Take this idea out of the thread
threads-jump = Show it on its table
threads-more = Show more ({ $count } left)
threads-built = Synthesis table added: { $count ->
    [one] one thread
   *[other] { $count } threads
}. Undo (Ctrl+Z) takes it back.
threads-not-a-reference = Not a note of a synthesis: select a note that stands for an idea of another table.
matrix-title = Coverage matrix
matrix-rows-threads = Threads
matrix-rows-themes = Themes
matrix-row-header = Topic
matrix-table = Table
matrix-ideas = ideas
matrix-votes = votes
matrix-spread = Tables
matrix-spread-value = { $count } of { $of }
matrix-cell = { $row } — table { $table }
matrix-hint = Ideas per table (● votes). Click a number to list its ideas.
matrix-no-threads = No synthesis table yet: Find common threads, accept some, then Build.
matrix-no-themes = No themes yet.
matrix-export-csv = Export matrix as CSV…
matrix-file = coverage
cmd-toggle-link = Link or unlink the two selected notes
nothing-to-split = Nothing to split: put the caret where the note should break (F2), or use line breaks or full stops

# Find and replace
cmd-find = Find…
cmd-replace = Replace…
cmd-find-next = Find next
cmd-find-previous = Find previous
find-label = Find
find-hint = in every table, notes and speaker notes
find-none = No match
find-count = { $current } of { $total }
find-total = { $total ->
        [one] { $total } match
       *[other] { $total } matches
    }
find-previous = Previous match (Shift+Enter)
find-next = Next match (Enter)
find-show-replace = Replace…
find-close = Close (Esc)
replace-label = Replace with
replace-one = Replace
replace-all = Replace all
replaced = { $count ->
        [one] Replaced { $count } time
       *[other] Replaced { $count } times
    }
palette-none = No command matches “{ $query }”.
new-event-heading = New café
new-event-body = Its title, its date and the question of each table. Everything can be changed later; Skip starts from a blank café.
new-event-title = Title
new-event-date = Date
new-event-date-hint = e.g. 12 March 2026
new-event-questions = Table questions, one per line (paste the plan: bullets and numbers are removed)
new-event-questions-hint = One question per line
new-event-count = { $tables ->
    [one] 1 table will be created.
   *[other] { $tables } tables will be created.
}
new-event-create = Create
new-event-skip = Skip

## Fold and outline
cmd-toggle-fold = Fold or unfold
cmd-toggle-fold-all = Fold or unfold all below
cmd-outline = Outline
map-tree = Map of the table
outline-title = Outline
outline-fold = Fold ({ $count } below)
outline-unfold = Unfold ({ $count } hidden)
# The report (compte-rendu): File ▸ Export ▸ Report… and `cafemap report`
report-kind = Restitution report
report-date = Date
report-place = Place
report-organisers = Organisers
report-facilitators = Facilitators
report-partner-safe-note = Partner version: without speaker notes, contributor names or notes hidden from the presentation.
report-summary = Summary
report-summary-counts = { $tables ->
        [one] { $tables } table
       *[other] { $tables } tables
    } · { $themes ->
        [one] { $themes } theme
       *[other] { $themes } themes
    } · { $ideas ->
        [one] { $ideas } idea
       *[other] { $ideas } ideas
    } · { $votes ->
        [one] { $votes } vote
       *[other] { $votes } votes
    }
report-table-ideas = { $ideas ->
        [one] { $ideas } idea
       *[other] { $ideas } ideas
    }
report-top-ideas = Ideas with the most votes
report-threads = Common threads
report-thread-tables = { $ideas ->
        [one] { $ideas } idea
       *[other] { $ideas } ideas
    } from { $tables }
report-table = Table { $n }
report-table-question = Table { $n }: { $question }
report-map = Map of table { $n }
report-map-synthesis = Map of the synthesis
report-on-question = Ideas on the question
report-votes = { $count ->
        [one] { $count } vote
       *[other] { $count } votes
    }
report-round = round { $round }
report-from-table = from table { $n }
report-by = by { $name }
report-owner-due = owner: { $owner } · due: { $due }
report-owner = owner: { $owner }
report-due = due: { $due }
report-speaker-note = Speaker note: { $note }
report-synthesis = Synthesis
report-matrix = Coverage matrix
report-matrix-intro = How many ideas of each table each common thread gathers.
report-thread = Thread
report-total = Total
report-actions = Actions
report-action = Action
report-action-owner = Owner
report-action-due = Due
report-action-table = Table
report-annex = Annex: unsorted notes
report-idea = Idea
report-votes-column = Votes
report-rank = No.
report-page = Page { $page } of { $pages }
report-dialog-heading = Export the report
report-dialog-body = The compte-rendu partners receive: title page, summary, each table’s map and ideas, synthesis, actions and unsorted notes.
report-dialog-format = Format
report-format-pdf = PDF, to print or send
report-format-odt = ODT, to edit (LibreOffice, Word)
report-format-html = HTML, to read in a browser
export-partner-safe = Partner-safe: without speaker notes, contributor names and hidden notes
report-dialog-partner-safe = Partner-safe: leave out speaker notes, contributor names and hidden notes
report-dialog-outline = Outline
report-dialog-export = Export…
report-dialog-cancel = Cancel
cmd-export-report = Export the report…
menu-export-report = Report…
# The HTML map (words the page adds)
html-untitled = World Café
html-table = Table { $number }
html-no-table = This café has no table yet.
html-search = Search
html-zoom-in = Zoom in (+)
html-zoom-out = Zoom out (−)
html-fit = Fit
html-fit-hint = Show the whole map (0)
html-list = List
html-step-back = Previous step (←)
html-step-next = Present: next step (→)
html-step = Step { $step }
html-matches = Found: { $matches }
html-no-match = No match
html-dots = { $count ->
    [one] 1 dot
   *[other] { $count } dots
}
html-round = round { $round }
html-from-table = from table { $number }
html-owner = owner: { $owner }
html-due = due { $due }
## Harvest: dots, tags, actions, origins
menu-harvest = Harvest
cmd-add-dot = Add a dot
cmd-remove-dot = Remove a dot
cmd-next-dot-kind = Next dot kind
cmd-dot-kinds = Dot kinds…
cmd-tag-selection = Tags of the selection…
cmd-edit-action = Action owner and due date…
cmd-set-origin = Round and contributor…
cmd-arrange-by-votes = Arrange by votes
cmd-top-ideas = Top ideas
cmd-tags-panel = Tags
cmd-actions-panel = Actions
harvest-tab-top = Top ideas
harvest-tab-tags = Tags
harvest-tab-actions = Actions
harvest-all = All
dots-default-kind = Dots
dots-kind-n = Kind { $n }
dots-now-adding = Now adding: { $kind }
dots-picker-hint = The dot kind that the keys and clicks on a note’s dots add
filter-table-n = Table { $n }
filter-round = Round
filter-round-n = Round { $n }
filter-origin-table = Written at
top-filter-table = Table
top-filter-theme = Theme
top-filter-kind = Dot kind
top-empty = No idea matches these filters.
top-hint = Click an idea to show it on its table.
top-col-rank = #
top-col-idea = Idea
top-col-dots = Dots
top-col-table = Table
tags-empty = No tags yet: type #word in a note, or use Harvest ▸ Tags of the selection.
tags-hint = Click a tag to ring its notes on every table.
tags-count = { $count ->
        [one] 1 note
       *[other] { $count } notes
    }
actions-empty = No actions yet: tag an idea #action, then give it an owner and a due date.
actions-col-action = Action
actions-col-owner = Owner
actions-col-due = Due
actions-col-table = Table
actions-sort-hint = Sort by this column (again: reverse)
actions-edit-of = Owner and due date of “{ $action }”
dialog-ok = OK
dialog-cancel = Cancel
dialog-close = Close
dot-kinds-title = Dot kinds
dot-kinds-hint = Name up to four kinds of dots (e.g. priority, feasible, reservation), each with its colour. Counted separately everywhere.
dot-kinds-remove = Remove this kind
dot-kinds-add = Add a kind
tags-dialog-title = { $count ->
        [one] Tags of the note
       *[other] Tags of { $count } notes
    }
tags-new = New tag
tags-new-hint = budget, youth…
tags-add = Add
action-title = Action
action-owner = Owner
action-due = Due date
origin-title = { $count ->
        [one] Where the note came from
       *[other] Where { $count } notes came from
    }
origin-round = Round
origin-round-hint = 0 clears the round
origin-contributor = Contributor or group
present-fewest-votes-first = Reveal ideas from fewest to most dots
present-fewest-votes-first-hint = In each theme, the ideas arrive from the fewest dots to the most: the room’s favourite comes last.
present-top-ideas-step = End with the top ideas
present-top-ideas-step-hint = A last step lists the event’s most voted ideas.
present-kind-top-ideas = Top ideas

## Café properties
cmd-cafe-properties = Café properties…
cafe-properties-title = Café properties
cafe-language = Language
cafe-language-hint = What partners receive (the report and the exports) is written in it; the notes stay as written.
cafe-language-fr = French
cafe-language-en = English

## Merging a partner's copy (File ▸ Merge a copy…)
cmd-merge-copy = Merge a copy…
merge-title = Merge a copy
merge-from = What { $file } changed:
merge-three-way = The copies share their history: each item is something the other copy changed.
merge-two-way = Compared note by note: their additions are ticked, nothing of yours changes without a tick.
merge-summary = { $count ->
        [one] { $count } item
       *[other] { $count } items
    }, { $ticked } ticked, { $conflicts ->
        [one] { $conflicts } conflict
       *[other] { $conflicts } conflicts
    }
merge-apply = Apply
merge-cancel = Cancel
merge-tick-all = Tick all
merge-untick-all = Untick all
merge-nothing = The other copy changed nothing.
merge-group-event = The event
merge-group-table = Table { $number }: { $question }
merge-group-new-table = New tables
merge-ours = Yours
merge-theirs = Theirs
merge-keep-both = Keep both
merge-keep-ours = Keep yours
merge-keep-theirs = Keep theirs
merge-rescued-hint = Its theme was deleted in the other copy: it goes to the Unsorted tray. Untick to let it go.
merge-applied = Copy merged. Undo (Ctrl+Z) takes it all back.
merge-kind-table-added = Table added
merge-kind-table-removed = Table deleted
merge-kind-added = Added
merge-kind-rescued = Rescued
merge-kind-removed = Deleted
merge-kind-moved = Moved
merge-kind-text = Text
merge-kind-conflict = Conflict
merge-kind-votes = Votes
merge-kind-tags = Tags
merge-kind-color = Colour
merge-kind-origin = Origin
merge-kind-action = Action
merge-kind-other = Changed
merge-kind-links = Links
merge-kind-event = Event
merge-kind-edit-deleted = Changed and deleted
merge-with-below = with { $count ->
    [one] one note
   *[other] { $count } notes
} below it
merge-deleted = (deleted)
merge-keep-changed = Keep the changed note
merge-let-go = Let it go
cmd-trim-history = Trim history…
save-as-without-history = Save as… without history
save-as-without-history-hint = The file keeps only the map, not its history (deleted texts, names typed before). A copy of it can only be merged back note by note.
save-plain-title = Save without history?
save-plain-body = { $file } will hold the map as it is now, without its history: none of the deleted texts and earlier versions. Copies of this map merge back into it only note by note, and from now on this map is saved without history.
save-plain-yes = Save without history
trim-title = Trim the history?
trim-body = The map keeps only what it holds now: deleted texts and earlier versions are forgotten, and the file gets smaller once saved. Copies of this map sent to partners before its latest changes will then merge back only as a note-by-note comparison: nothing of theirs is matched automatically, every difference has to be reviewed.
trim-yes = Trim the history
trim-done = History trimmed. Save to write it; copies sent before its latest changes merge back note by note.
trim-nothing = This map has no history to trim yet.
drop-map-title = Open or merge?
drop-map-body = { $file } is a map. Open it instead of this one, or merge what it changed into this map (a partner's copy)?
drop-map-merge = Merge into this map
drop-map-open = Open it
history-set-aside = The map opened, but its history was set aside ({ $reason }): copies sent earlier merge note by note.

# Live session (File ▸ Live session)
menu-live = Live session
cmd-live-start = Start a live session…
cmd-live-join = Join a live session…
cmd-live-leave = Leave the live session
live-start-title = Start a live session
live-start-body = This map becomes a room that note-takers join with its link. The relay runs in this window: keep it open during the café.
live-start-addr = Listen on
live-start-addr-hint = 127.0.0.1:7878 serves this computer only. For note-takers on the venue's network, type this laptop's address on it, e.g. 192.168.1.10:7878.
live-start = Start
live-join-title = Join a live session
live-join-body = Paste the link the facilitator gave you. Open your copy of the event's map first: the room and the map must come from the same file.
live-join-link = Link
live-join = Join
live-link-title = Live session started
live-link-body = Give this link to the note-takers (on paper or by message: whoever has it can write in the map).
live-copy = Copy
live-copied = Link copied.
live-close = Close
live-cancel = Cancel
live-connected = Live · connected
live-connecting = Live · connecting…
live-offline = Live · offline, { $count ->
    [0] no change waiting
    [one] 1 change waiting
   *[other] { $count } changes waiting
}
live-offline-unknown = Live · offline, trying again
live-refused = The relay refused this link (wrong token, or the room is gone). The live session has ended.
live-not-same-map = This map is not the room's: they share no history. Open the copy of the map the session was started with, then join again.
live-left = Live session ended. Your changes are in the map; save it to keep them.
live-draft-kept = Someone changed the note you are typing in: it now reads “{ $theirs }”. Choose what to keep on the card.
live-draft-gone = Someone deleted the note you were typing in; your text is on the clipboard: “{ $text }”.
live-name = Your name
live-name-hint = The others see it beside the table you are on. It is remembered for next time.
live-name-missing = Type your name: the others see it beside the table you are on.
live-table-links = Or give each note-taker their table's link: their window opens on it.
live-copy-table = Copy table { $table }'s link
live-connected-people = Live · connected · { $count ->
    [one] 1 person
   *[other] { $count } people
}
live-people-hint = Who is at which table (click)
live-people-title = Who is where
live-person = { $name } — table { $table }
live-person-me = { $name } (you) — table { $table }
live-person-nowhere = { $name }
live-person-me-nowhere = { $name } (you)
live-conflict-title = Someone else changed this note
live-conflict-body = You are typing in a note another note-taker changed meanwhile. Your text is kept. Choose what to keep: it is done when you finish typing (Enter), or now with Apply.
live-conflict-apply = Apply
undo-kept = Undone, except where others changed it since: { $what }.
redo-kept = Redone, except where others changed it since: { $what }.
undo-kept-text = “{ $note }” (their text overlaps yours)
undo-kept-deleted = a note they deleted
undo-kept-changed = “{ $note }” (moved or changed by them)
undo-kept-event = the café's details
