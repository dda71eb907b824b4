using System;
using System.Text;

namespace Clarify.Typed.Tests.Infrastructure;

/// <summary>
/// The two made-up integrations the unit tests use against <see cref="FakeClarify"/>. The secrets
/// look like secrets and appear nowhere else, so a test can search logs and messages for them.
/// </summary>
internal static class TestCredentials
{
    public const string IntegrationId = "c0jd1g6qnk1emp4tq2ag";
    public const string ClientId = "client-main";
    public const string ClientSecret = "s3cr3t-Very-Private-Value-0451";

    public const string OtherIntegrationId = "d1ke2h7rol2fnq5ur3bh";
    public const string OtherClientId = "client-other";
    public const string OtherClientSecret = "s3cr3t-Other-Private-Value-9c2e";

    /// <summary>What basic-auth credentials of the main integration put in the Authorization header, to search logs for.</summary>
    public static string BasicCredentials => Convert.ToBase64String(Encoding.UTF8.GetBytes(ClientId + ":" + ClientSecret));
}
