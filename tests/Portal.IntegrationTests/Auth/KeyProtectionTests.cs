using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Infrastructure;

namespace Portal.IntegrationTests.Auth;

/// <summary>Issue 13, item 11: the data-protection keys in the database are encrypted with a certificate, or Production says they are not.</summary>
public sealed class KeyProtectionTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public void With_a_certificate_the_stored_keys_are_encrypted_and_still_unprotect()
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"portal-keys-{Guid.NewGuid():N}.pfx");
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=portal data protection test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        try
        {
            using var host = portal.WithWebHostBuilder(b => b
                .UseSetting("DataProtection:CertificatePath", pfx)
                .UseSetting("DataProtection:CertificatePassword", "pfx-password"));
            var protector = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("key-protection-test");
            Assert.Equal("cookie", protector.Unprotect(protector.Protect("cookie")));
            Assert.True(host.Services.GetRequiredService<KeyProtection>().IsProtected);

            using var connection = portal.OpenDatabase();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT Xml FROM DataProtectionKeys";
            using var reader = command.ExecuteReader();
            var keys = new List<string>();
            while (reader.Read())
            {
                keys.Add(reader.GetString(0));
            }
            var key = Assert.Single(keys);
            Assert.Contains("EncryptedXmlDecryptor", key, StringComparison.Ordinal);
            Assert.Contains("EncryptedData", key, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", key, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    [Theory]
    [InlineData("Production", false, true)]
    [InlineData("Production", true, false)]
    [InlineData("Development", false, false)]
    public async Task Production_warns_at_start_up_when_the_keys_are_not_protected(string environment, bool protectedKeys, bool warned)
    {
        using var rsa = RSA.Create(2048);
        using var certificate = protectedKeys
            ? new CertificateRequest("CN=test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1))
            : null;
        var logger = new RecordingLogger();

        await new KeyProtectionWarning(new KeyProtection(certificate), new Environment(environment), logger).StartAsync(CancellationToken.None);

        Assert.Equal(warned, logger.Warnings.Any(w => w.Contains("data-protection keys are stored in the database unencrypted", StringComparison.Ordinal)));
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "portal";
        public string ContentRootPath { get; set; } = "";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }

    private sealed class RecordingLogger : ILogger<KeyProtectionWarning>
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
