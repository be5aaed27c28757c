from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class UserBackend(ModelBackend):
    """Django's own backend, with two changes:

    - one logs in with a username or with the account's email address (accounts made by
      signing up know only their address, onward.accounts.signup_links);
    - the user's profile is read along with the user: every page needs it (its time zone, see
      UserTimezoneMiddleware), so this saves a query on every request.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        User = get_user_model()
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if username and "@" in username:
            users = User._default_manager
            if not users.filter(username=username).exists():
                # By address only when one account has it: an address two older accounts
                # share logs in by username. Django's backend still runs the password hasher
                # when no account matches, so an unknown address takes as long as a known one.
                owners = list(users.filter(email__iexact=username).values_list("username")[:2])
                if len(owners) == 1:
                    username = owners[0][0]
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("profile")
        try:
            user = users.get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
