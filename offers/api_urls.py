# /api/v1/eligibility
urlpatterns = []
