from django.dispatch import Signal

# Sent after an application moved to another stage (kwargs: application, change).
# A receiver may return a URL the user should be taken to next (the debrief listens for moves
# into lost stages and returns the debrief's URL); Application.move_to() puts the first such URL
# on change.next_url.
application_moved = Signal()

# Sent after a move was re-dated or removed (kwargs: application, change, removed). The debrief
# follows a re-dated loss (its thank-you is due a day after the corrected date).
move_corrected = Signal()

# Sent when the user wraps up a search that ended with ``application`` won (kwargs:
# application). The routine pauses the weekly goals, wellbeing keeps the win.
search_won = Signal()
