"""Reference data for the 1912 system: the category codes and contact IDs it must send."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import generics, serializers

from accounts.models import Office
from complaints.models import Category
from complaints.selectors import intake_offices_for


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["code", "name", "name_hi", "is_bill"]


class IntakeOfficeSerializer(serializers.Serializer):
    contact_id = serializers.CharField()
    name = serializers.CharField()
    name_hi = serializers.CharField()
    kind = serializers.CharField()
    area = serializers.CharField()
    division = serializers.CharField(source="division.name")
    division_hi = serializers.CharField(source="division.name_hi")
    circle = serializers.CharField(source="division.circle.name")
    circle_hi = serializers.CharField(source="division.circle.name_hi")


class CategoryListView(generics.ListAPIView):
    """Active complaint categories, in the order the intake form shows them."""

    serializer_class = CategorySerializer
    pagination_class = None
    queryset = Category.objects.filter(is_active=True)

    @extend_schema(
        summary="Complaint categories (codes to send as `category`)",
        tags=["reference"],
        examples=[
            OpenApiExample(
                "Categories",
                value=[
                    {
                        "code": "excess_bill",
                        "name": "Excess bill",
                        "name_hi": "अधिक बिल",
                        "is_bill": True,
                    },
                    {
                        "code": "no_supply",
                        "name": "No supply",
                        "name_hi": "बिजली बंद",
                        "is_bill": False,
                    },
                ],
                response_only=True,
            )
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class IntakeOfficeListView(generics.ListAPIView):
    """The offices the caller may register complaints for (send `contact_id` as `office`)."""

    serializer_class = IntakeOfficeSerializer
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return Office.objects.none()
        return (
            intake_offices_for(self.request.user)
            .select_related("division__circle")
            .order_by("contact_id")
        )

    @extend_schema(
        summary="Offices you may register complaints for",
        tags=["reference"],
        examples=[
            OpenApiExample(
                "Offices",
                value=[
                    {
                        "contact_id": "MHW-Z01",
                        "name": "Mhow Zone",
                        "name_hi": "महू ज़ोन",
                        "kind": "zone",
                        "area": "urban",
                        "division": "Mhow Division",
                        "division_hi": "महू संभाग",
                        "circle": "Indore O&M Circle",
                        "circle_hi": "इंदौर संचालन-संधारण वृत्त",
                    }
                ],
                response_only=True,
            )
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
