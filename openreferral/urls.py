app_name = "openreferral"

urlpatterns = []
