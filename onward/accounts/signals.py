from django.dispatch import Signal

# Sent when a new account is set up (kwargs: user), inside the transaction that creates it.
# Apps above accounts give the new user what they need (the pipeline its default stages).
account_started = Signal()
