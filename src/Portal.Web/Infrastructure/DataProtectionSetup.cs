using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Portal.Data;

namespace Portal.Web.Infrastructure;

/// <summary>Configuration section <c>DataProtection</c>: the certificate that encrypts the data-protection keys at rest.</summary>
public sealed class DataProtectionKeyOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PFX file holding the certificate and its private key.</summary>
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }

    /// <summary>Or a certificate in the machine's or the service account's personal store.</summary>
    public string? CertificateThumbprint { get; set; }
}

/// <summary>Whether the keys are encrypted at rest; read at start-up for the warning.</summary>
public sealed record KeyProtection(X509Certificate2? Certificate)
{
    public bool IsProtected => Certificate is not null;
}

/// <summary>
/// The keys that sign cookies and antiforgery tokens live in the portal's database so that every instance shares them.
/// Without a certificate they sit there in plain XML, and whoever reads the database can forge a session.
/// </summary>
public static class DataProtectionSetup
{
    public static void AddPortalDataProtection(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DataProtectionKeyOptions.Section).Get<DataProtectionKeyOptions>() ?? new();
        var protection = new KeyProtection(LoadCertificate(options));
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("model-governance-portal").PersistKeysToDbContext<PortalDbContext>();
        if (protection.Certificate is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate);
        }
        builder.Services.AddSingleton(protection);
        builder.Services.AddHostedService<KeyProtectionWarning>();
    }

    public static X509Certificate2? LoadCertificate(DataProtectionKeyOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
            return certificate.HasPrivateKey
                ? certificate
                : throw new InvalidOperationException($"DataProtection:CertificatePath '{options.CertificatePath}' has no private key; the keys could not be read back.");
        }
        if (!string.IsNullOrWhiteSpace(options.CertificateThumbprint))
        {
            return FromStore(StoreLocation.CurrentUser, options.CertificateThumbprint) ?? FromStore(StoreLocation.LocalMachine, options.CertificateThumbprint)
                ?? throw new InvalidOperationException($"DataProtection:CertificateThumbprint '{options.CertificateThumbprint}' is in neither the user's nor the machine's personal store.");
        }
        return null;
    }

    private static X509Certificate2? FromStore(StoreLocation location, string thumbprint)
    {
        using var store = new X509Store(StoreName.My, location);
        store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
        return store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint.Replace(" ", "", StringComparison.Ordinal), validOnly: false)
            .FirstOrDefault(c => c.HasPrivateKey);
    }
}

/// <summary>Says at start-up, in Production, that the data-protection keys are stored unencrypted.</summary>
public sealed partial class KeyProtectionWarning(KeyProtection protection, IHostEnvironment environment, ILogger<KeyProtectionWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.IsProduction() && !protection.IsProtected)
        {
            Unprotected(logger);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "The data-protection keys are stored in the database unencrypted: " +
        "whoever reads the database can forge a signed-in session. Set DataProtection:CertificatePath (and :CertificatePassword) or DataProtection:CertificateThumbprint.")]
    private static partial void Unprotected(ILogger logger);
}
