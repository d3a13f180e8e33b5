using System.Buffers.Text;
using System.Security.Cryptography;

namespace Live.Instances;

/// <summary>
/// Creates instance and connection ids: 128 random bits, so an id cannot be guessed. (Guessing would not help
/// anyway: every connection can only address the instances it mounted itself.)
/// </summary>
internal static class InstanceIds
{
    public static string NewInstanceId() => "c_" + Random128();

    public static string NewConnectionId() => "n_" + Random128();

    /// <summary>A resume secret: 128 random bits, base64url.</summary>
    public static string NewSecret() => Random128();

    public static string NewRoomId() => "r_" + Random128();

    private static string Random128()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }
}
