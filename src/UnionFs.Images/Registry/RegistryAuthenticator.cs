using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace UnionFs.Images.Registry;

/// <summary>
/// Answers a registry's 401 challenges: Basic with the given credentials, or Bearer by asking the challenge's
/// realm for a token (with the credentials when given, anonymously otherwise). The header it settles on is
/// kept and sent with every later request, so a token is fetched once per image, not once per blob.
/// </summary>
internal sealed class RegistryAuthenticator(ImageReference reference, RegistryOptions options)
{
    private readonly Lock _gate = new();
    private AuthenticationHeaderValue? _current;

    /// <summary>The Authorization header to send, or null before any challenge.</summary>
    public AuthenticationHeaderValue? Current
    {
        get
        {
            lock (_gate) return _current;
        }
    }

    private bool HasCredentials => options.Username is not null;

    /// <summary>
    /// Works out a new Authorization header from <paramref name="unauthorized"/>'s challenges. False when there
    /// is nothing new to try (the header that was sent is the one the challenge would give again).
    /// </summary>
    /// <exception cref="RegistryException">The challenge cannot be met: no credentials, or the token service refused.</exception>
    public bool TryAnswer(HttpResponseMessage unauthorized, AuthenticationHeaderValue? sent, HttpClient client)
    {
        var challenges = AuthChallenge.From(unauthorized.Headers.WwwAuthenticate);
        var bearer = challenges.FirstOrDefault(c => c.IsBearer);
        var basic = challenges.FirstOrDefault(c => c.IsBasic);
        AuthenticationHeaderValue answer;
        if (bearer is not null)
        {
            answer = new AuthenticationHeaderValue("Bearer", FetchToken(bearer, client));
        }
        else if (basic is not null)
        {
            if (!HasCredentials)
                throw new RegistryException($"{reference.Registry} asks for credentials (Basic realm \"{basic["realm"]}\"); give a user name and password.", HttpStatusCode.Unauthorized);
            answer = BasicHeader();
        }
        else
        {
            throw new RegistryException($"{reference.Registry} answered 401 Unauthorized without a Basic or Bearer challenge.", HttpStatusCode.Unauthorized);
        }
        lock (_gate)
        {
            // The same header again would be refused again: report failure instead of looping.
            if (sent is not null && sent.Scheme == answer.Scheme && sent.Parameter == answer.Parameter) return false;
            _current = answer;
            return true;
        }
    }

    private AuthenticationHeaderValue BasicHeader() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));

    private string FetchToken(AuthChallenge challenge, HttpClient client)
    {
        var realm = challenge["realm"];
        if (realm is null || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri) || realmUri.Scheme is not ("http" or "https"))
            throw new RegistryException($"{reference.Registry} asks for a bearer token but gives no usable realm ('{realm}').", HttpStatusCode.Unauthorized);
        var query = new StringBuilder();
        if (challenge["service"] is { } service) query.Append("service=").Append(Uri.EscapeDataString(service));
        // Without a scope in the challenge, ask for what reading this image needs.
        var scope = challenge["scope"] ?? $"repository:{reference.Repository}:pull";
        if (query.Length > 0) query.Append('&');
        query.Append("scope=").Append(Uri.EscapeDataString(scope));
        var builder = new UriBuilder(realmUri);
        builder.Query = string.IsNullOrEmpty(builder.Query) ? query.ToString() : builder.Query.TrimStart('?') + "&" + query;
        using var request = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
        if (HasCredentials) request.Headers.Authorization = BasicHeader();
        HttpResponseMessage response;
        try
        {
            response = client.Send(request, HttpCompletionOption.ResponseContentRead);
        }
        catch (HttpRequestException ex)
        {
            throw new RegistryException($"cannot reach the token service {realmUri.GetLeftPart(UriPartial.Path)} of {reference.Registry}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex)
        {
            throw new RegistryException($"the token service {realmUri.GetLeftPart(UriPartial.Path)} of {reference.Registry} did not answer in time.", ex);
        }
        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                var who = HasCredentials ? $"the credentials of '{options.Username}'" : "anonymous access";
                throw new RegistryException(
                    $"authentication failed: the token service {realmUri.GetLeftPart(UriPartial.Path)} of {reference.Registry} refused {who} for {scope} ({(int)response.StatusCode} {response.ReasonPhrase}).",
                    response.StatusCode);
            }
            if (!response.IsSuccessStatusCode)
                throw new RegistryException($"the token service {realmUri.GetLeftPart(UriPartial.Path)} of {reference.Registry} answered {(int)response.StatusCode} {response.ReasonPhrase}.", response.StatusCode);
            var body = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            try
            {
                using var document = JsonDocument.Parse(body);
                // The token spec names it "token"; OAuth2-style services answer "access_token".
                var token = JsonHelpers.String(document.RootElement, "token") ?? JsonHelpers.String(document.RootElement, "access_token");
                if (string.IsNullOrEmpty(token)) throw new RegistryException($"the token service of {reference.Registry} answered without a token.");
                return token;
            }
            catch (JsonException ex)
            {
                throw new RegistryException($"the token service of {reference.Registry} answered something that is not JSON.", ex);
            }
        }
    }
}
