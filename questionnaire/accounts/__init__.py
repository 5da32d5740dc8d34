"""Sign-in security: login throttling (django-axes) and two-factor sign-in (django-otp).

- ``two_factor``: who must use a second factor, and ``second_factor_required``, the guard
  put in front of what attesters and administrators do.
- ``devices``: the authenticator (TOTP) and the recovery codes, created, checked, removed.
- ``views``, ``forms``: the sign-in and two-factor pages under /accounts/.
- ``middleware``: a password sign-in of someone with a second factor goes no further than
  the verify page until the code is given.
- ``throttling``: the page a paused sign-in answers with.
- ``admin_site``, ``apps``: the admin site, which staff reach with a verified second factor.
"""
