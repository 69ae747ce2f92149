from django.urls import path

from timelimits import views

urlpatterns = [
    path("", views.notice_index, name="notice-list"),
    path("read-all/", views.notice_read_all, name="notice-read-all"),
    path("<int:pk>/open/", views.notice_open, name="notice-open"),
]
