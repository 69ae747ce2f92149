from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.capabilities import capabilities_of
from accounts.selectors import offices_with_hierarchy
from portal.selectors import workload


@require_GET
@login_required
def home(request):
    user = request.user
    return render(
        request,
        "portal/home.html",
        {
            "offices": offices_with_hierarchy(user),
            "capabilities": sorted(capabilities_of(user.designation), key=lambda c: c.label),
            "workload": workload(user),
        },
    )
