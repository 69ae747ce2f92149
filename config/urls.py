from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from accounts.api import MeView, TokenObtainView
from billing.api import CorrectionViewSet
from complaints.api import ComplaintViewSet
from complaints.reference_api import CategoryListView, IntakeOfficeListView
from portal.health import healthz
from portal.urls import api_urlpatterns as portal_api

router = SimpleRouter()
router.register("complaints", ComplaintViewSet, basename="api-complaint")
router.register("corrections", CorrectionViewSet, basename="api-correction")

admin.site.site_header = _("Nivaran administration")
admin.site.site_title = _("Nivaran")
admin.site.index_title = _("Administration")

api_v1 = [
    path("auth/token/", TokenObtainView.as_view(), name="api-token"),
    path("me/", MeView.as_view(), name="api-me"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up code as a script file: no inline script
    # under the Content-Security-Policy.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("categories/", CategoryListView.as_view(), name="api-categories"),
    path("offices/", IntakeOfficeListView.as_view(), name="api-offices"),
    *portal_api,
    *router.urls,
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("portal.urls")),
    path("", include("accounts.urls")),
    path("complaints/", include("complaints.urls")),
    path("corrections/", include("billing.urls")),
    path("notices/", include("timelimits.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
]
