
app_name = "webinars_staff"

urlpatterns: list[object] = []
