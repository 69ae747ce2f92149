from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from timelimits.notices import notice_link, notice_text
from timelimits.selectors import notices_for


@require_GET
@login_required
def notice_index(request):
    page = Paginator(notices_for(request.user).select_related("complaint"), 30).get_page(
        request.GET.get("page")
    )
    rows = [(n, notice_text(n), notice_link(n)) for n in page.object_list]
    return render(request, "timelimits/notices.html", {"page": page, "rows": rows, "query": ""})


@require_POST
@login_required
def notice_open(request, pk):
    notice = get_object_or_404(notices_for(request.user).select_related("complaint"), pk=pk)
    if notice.read_at is None:
        notices_for(request.user).filter(pk=pk, read_at__isnull=True).update(read_at=timezone.now())
    return redirect(notice_link(notice))


@require_POST
@login_required
def notice_read_all(request):
    notices_for(request.user).filter(read_at__isnull=True).update(read_at=timezone.now())
    return redirect("notice-list")
