namespace Portal.Web.Features.PointInTime;

/// <summary>
/// Point-in-time answers: a model or the inventory as recorded at a past moment. The API is the <c>asOf</c> parameter of the
/// model read endpoints (<c>GET /api/v1/models</c>, <c>GET /api/v1/models/{key}</c>, see <see cref="AsOfEndpoints"/>).
/// </summary>
public static class PointInTimeFeature
{
    public static IServiceCollection AddPointInTimeFeature(this IServiceCollection services) => services.AddSingleton<PointInTimeService>();
}
