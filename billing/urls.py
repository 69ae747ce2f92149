from django.urls import path

from billing import views

urlpatterns = [
    path("", views.correction_index, name="correction-list"),
    path("new/<str:complaint_number>/", views.correction_create, name="correction-create"),
    path("<int:pk>/", views.correction_detail, name="correction-detail"),
    path("<int:pk>/edit/", views.correction_edit_view, name="correction-edit"),
    path("<int:pk>/notesheet/", views.correction_notesheet, name="correction-notesheet"),
    path("<int:pk>/step/<slug:name>/", views.correction_step, name="correction-step"),
]
