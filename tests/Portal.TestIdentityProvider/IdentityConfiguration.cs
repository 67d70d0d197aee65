using System.Text.Json;

namespace Portal.TestIdentityProvider;

/// <summary>The users and clients a provider instance knows; usually read from an identity.json file.</summary>
public sealed record IdentityConfiguration(IReadOnlyList<IdentityUser> Users, IReadOnlyList<IdentityClient> Clients)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The identity.json shipped next to this assembly (it is copied to referencing projects' output too).</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "identity.json");

    public static IdentityConfiguration Load(string jsonPath)
    {
        using var stream = File.OpenRead(jsonPath);
        var configuration = JsonSerializer.Deserialize<IdentityConfiguration>(stream, JsonOptions)
            ?? throw new InvalidDataException($"{jsonPath} is empty.");
        return configuration.Validated();
    }

    public static IdentityConfiguration LoadDefault() => Load(DefaultPath);

    /// <summary>A copy with one more client, e.g. one whose redirect URI carries a test's dynamic port.</summary>
    public IdentityConfiguration WithClient(IdentityClient client) => this with { Clients = [.. Clients, client] };

    public IdentityConfiguration WithUser(IdentityUser user) => this with { Users = [.. Users, user] };

    public IdentityUser? FindUserByName(string? userName) =>
        Users.FirstOrDefault(user => string.Equals(user.UserName, userName, StringComparison.OrdinalIgnoreCase));

    public IdentityUser? FindUserBySubject(string? subject) =>
        Users.FirstOrDefault(user => string.Equals(user.Subject, subject, StringComparison.Ordinal));

    public IdentityClient? FindClient(string? clientId) =>
        Clients.FirstOrDefault(client => string.Equals(client.ClientId, clientId, StringComparison.Ordinal));

    /// <summary>Fails fast on a malformed file instead of producing confusing OAuth errors later.</summary>
    public IdentityConfiguration Validated()
    {
        // JSON null or a missing array reaches here as null despite the non-nullable type.
        if (Users is null || Clients is null)
        {
            throw new InvalidDataException("The identity configuration needs both a 'users' and a 'clients' array.");
        }

        ThrowOnDuplicates(Users.Select(user => user.Subject), "user subject");
        ThrowOnDuplicates(Users.Select(user => user.UserName.ToUpperInvariant()), "user name");
        ThrowOnDuplicates(Clients.Select(client => client.ClientId), "client id");

        foreach (var client in Clients)
        {
            foreach (var uri in client.RedirectUris.Concat(client.PostLogoutRedirectUris))
            {
                if (!Uri.IsWellFormedUriString(uri, UriKind.Absolute))
                {
                    throw new InvalidDataException($"Client '{client.ClientId}' has a malformed URI '{uri}'.");
                }
            }

            if (client.AllowClientCredentials && string.IsNullOrEmpty(client.ClientSecret))
            {
                throw new InvalidDataException($"Client '{client.ClientId}' uses client credentials and so needs a secret.");
            }
        }

        return this;
    }

    private static void ThrowOnDuplicates(IEnumerable<string> values, string what)
    {
        var duplicate = values.GroupBy(value => value).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"Duplicate {what} '{duplicate.Key}' in the identity configuration.");
        }
    }
}
