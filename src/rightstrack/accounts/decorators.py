"""View decorators for roles. Records are still fetched through ``permissions``."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from rightstrack.accounts.models import ROLE_RANK, Role
from rightstrack.accounts.permissions import user_rank
from rightstrack.accounts.twofactor import is_two_factor_verified, requires_two_factor

View = TypeVar("View", bound=Callable[..., HttpResponse])


def role_required(minimum: str) -> Callable[[View], View]:
    """Allow users whose role ranks at least ``minimum`` (a :class:`Role` value).

    Anonymous visitors are sent to the login page; a logged-in user below the
    rank gets 403 (the page is a form, not a record, so nothing is revealed).
    Publishing roles must also have passed the TOTP step.
    """
    needed = ROLE_RANK[minimum]

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if requires_two_factor(user) and not is_two_factor_verified(user):
                raise PermissionDenied
            if user_rank(user) < needed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


#: Views that publish or change tracked records: focal points and above, with TOTP.
publish_required = role_required(Role.FOCAL_POINT)
#: Views that need any account (contributors submit, viewers read their own page).
login_required = role_required(Role.VIEWER)
