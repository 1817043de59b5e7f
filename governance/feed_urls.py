"""The calendar feed lives outside /t/<trust_slug>/: a calendar app has no session."""

from django.urls import path

from governance import feeds

urlpatterns = [
    path("<slug:trust_slug>/<str:token>.ics", feeds.calendar_feed, name="governance_calendar_feed"),
]
