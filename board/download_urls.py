# /coverage.csv and /coverage.json: outside the language prefix.
urlpatterns = []
