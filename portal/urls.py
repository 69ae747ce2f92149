from django.urls import path

from portal import api, views

urlpatterns = [
    path("", views.home, name="home"),
    path("reports/", views.pendency_view, name="report-pendency"),
    path("reports/compliance/", views.compliance_view, name="report-compliance"),
    path("status/", views.status_view, name="public-status"),
]

api_urlpatterns = [
    path("reports/pendency/", api.PendencyView.as_view(), name="api-report-pendency"),
    path("reports/compliance/", api.ComplianceView.as_view(), name="api-report-compliance"),
    path("public/status/", api.PublicStatusView.as_view(), name="api-public-status"),
]
