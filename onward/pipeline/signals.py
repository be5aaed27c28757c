from django.dispatch import Signal

# Sent after an application moved to another stage (kwargs: application, change).
# A receiver may return a URL the user should be taken to next (the debrief listens for moves
# into lost stages and returns the debrief's URL); Application.move_to() puts the first such URL
# on change.next_url.
application_moved = Signal()
