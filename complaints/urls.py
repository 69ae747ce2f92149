from django.urls import path

from complaints import views

urlpatterns = [
    path("", views.complaint_index, name="complaint-list"),
    path("new/", views.complaint_create, name="complaint-create"),
    path("<str:complaint_number>/", views.complaint_detail, name="complaint-detail"),
    path(
        "<str:complaint_number>/registered/",
        views.complaint_registered,
        name="complaint-registered",
    ),
    path(
        "<str:complaint_number>/settle/<slug:action>/",
        views.complaint_settle_view,
        name="complaint-settle",
    ),
    path(
        "<str:complaint_number>/attachments/",
        views.attachment_upload,
        name="complaint-attachment-upload",
    ),
    path(
        "<str:complaint_number>/attachments/<int:attachment_id>/",
        views.attachment_download,
        name="complaint-attachment",
    ),
]
