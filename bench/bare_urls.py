"""The product's URLs and one bare view: Django's own cost of a request through the same
middleware, to set a rating save's time against (bench/ratings.py)."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), path("", include("trustplan.urls"))]
