using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using DrrsGateway.Simulator.Operations;

namespace DrrsGateway.Simulator.AccessPoints;

/// <summary>
/// Every operation of both DRRS generations at its plain and its DocAttach access point, found by the
/// access point's name regardless of case.
/// </summary>
internal static class AccessPointCatalog
{
    private static readonly CaisoOperation[] Operations =
    [
        // The v4.0 artifacts' generation.
        new("retrieveDRLocations_v1", CaisoRequestKind.RegistrationDataQuery, SampleLocations.Content),
        new("submitDRLocations_v1", CaisoRequestKind.Submission, null),
        new("retrieveDRRegistrations_v1", CaisoRequestKind.RegistrationDataQuery, SampleRegistrations.Content),
        new("submitDRRegistrations_v1", CaisoRequestKind.Submission, null),
        new("retrieveBatchValidationStatus_v1", CaisoRequestKind.BatchStatusQuery, BatchStatusReport.Content),

        // The later DRRS interface specification's generation.
        new("SubmitDRRSLocations_v1", CaisoRequestKind.Submission, null),
        new("RetrieveDRRSLocations_v1", CaisoRequestKind.RegistrationDataQuery, SampleLocations.Content),
        new("RetrieveDRRSBatchStatus_v1", CaisoRequestKind.BatchStatusQuery, BatchStatusReport.Content),
        new("SubmitDRRSRegistrations_v1", CaisoRequestKind.Submission, null),
        new("RetrieveDRRSRegistrations_v1", CaisoRequestKind.RegistrationDataQuery, SampleRegistrations.Content),
        new("SubmitDRRSLocationReview_v1", CaisoRequestKind.Submission, null),
    ];

    private static readonly AccessPoint[] Ordered =
        [.. Operations.SelectMany(operation => new[] { new AccessPoint(operation, isDocAttach: false), new AccessPoint(operation, isDocAttach: true) })];

    private static readonly FrozenDictionary<string, AccessPoint> ByName =
        Ordered.ToFrozenDictionary(accessPoint => accessPoint.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every access point, each operation's plain one before its DocAttach one.</summary>
    public static IReadOnlyList<AccessPoint> All => Ordered;

    /// <summary>The access point whose last path segment is <paramref name="name"/>, in any case.</summary>
    public static bool TryFind(string? name, [NotNullWhen(true)] out AccessPoint? accessPoint)
    {
        accessPoint = null;
        return name is not null && ByName.TryGetValue(name, out accessPoint);
    }
}
