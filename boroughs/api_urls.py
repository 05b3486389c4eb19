# /api/v1/postcodes/<postcode>
urlpatterns = []
