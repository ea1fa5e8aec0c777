using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.AcceptableUse.Soap;

namespace DrrsGateway.AcceptableUse.Services;

/// <summary>
/// Tells which DRRS service a request calls: the operation the backend will run. The route's
/// <c>AupService</c> metadata wins; else a path naming an operation (<see cref="PathOperation"/>); else, for
/// SOAP, the action when it names an operation, else the envelope's WS-Addressing Action, else the first
/// element of its Body, read from the envelope (<see cref="EnvelopeReader"/>) as
/// <see cref="SoapPolicy.EnvelopeCheck"/> says. Every one of them that names an operation must agree. Names are lower-cased, so services
/// compare case-insensitively, and an operation reached by path, action or envelope is one service.
/// Soap finds the names as written; this is where they meet the catalog, and only a name the policy
/// accepts becomes one of the shared <see cref="ServiceNames"/>, so junk actions cannot fill that table.
/// One per process: nothing else adds to the table.
/// </summary>
internal sealed class ServiceNameResolver(ServiceNames names)
{
    internal const string DisagreementProblem = "The request path, SOAP action and SOAP envelope name different operations.";
    internal const string NoServiceProblem = "The request names no DRRS service.";
    internal const string AmbiguousContentTypeProblem = "The Content-Type is given twice or gives a parameter twice, so the envelope, version or action it names is ambiguous.";

    /// <summary>
    /// What the route (<c>pinned</c>: the service its <c>AupService</c> metadata names, if any), path and
    /// headers tell, without reading the body.
    /// </summary>
    public ServiceResult Resolve(HttpContext context, string? pinned, SoapRequest soap, AupPolicy policy)
    {
        if (pinned is not null)
        {
            return Checked(pinned, policy.MaxServiceLength);
        }

        if (soap.Ambiguous)
        {
            return ServiceResult.Invalid(AmbiguousContentTypeProblem);
        }

        var catalog = policy.Services;
        var path = PathOperation.Read(context.Request.Path, catalog, stackalloc char[PathOperation.ScratchLength]);
        if (path.Conflict)
        {
            return ServiceResult.Invalid(DisagreementProblem);
        }

        var action = Operation(soap.Operation).Span;
        var check = policy.Soap.EnvelopeCheck;
        if (!path.Operation.IsEmpty)
        {
            var agrees = !action.IsEmpty && path.Operation.Equals(action, StringComparison.OrdinalIgnoreCase);

            // A path naming an operation is what a path-routed DRRS runs: an action naming another one would
            // let a caller rotate actions to dodge the lock.
            if (!agrees && !action.IsEmpty && (catalog.NamesOperation(action) || DrrsOperations.IsVersioned(action)))
            {
                return ServiceResult.Invalid(DisagreementProblem);
            }

            // Keyed by the path at once, so a refusal needs no body; an allowed call is confirmed first.
            var confirm = soap.Version != SoapVersion.None
                && (check == EnvelopeCheck.Always || (check == EnvelopeCheck.UnlessPathAndActionAgree && !agrees));
            var service = Checked(path.Operation, policy.MaxServiceLength);
            return confirm ? service.Confirmed() : service;
        }

        if (path.Uncatalogued)
        {
            // An operation-shaped name outside the catalog: refused before any body is read.
            return ServiceResult.Unknown;
        }

        if (soap.Version != SoapVersion.None)
        {
            return !action.IsEmpty && check == EnvelopeCheck.WhenHeadersNameNone && catalog.NamesOperation(action)
                ? Checked(action, policy.MaxServiceLength)
                : ServiceResult.NeedsEnvelope;
        }

        if (path.Last.IsEmpty)
        {
            return ServiceResult.Invalid(NoServiceProblem);
        }

        return catalog.Enabled ? ServiceResult.Unknown : Checked(path.Last, policy.MaxServiceLength);
    }

    /// <summary>
    /// The service of a SOAP request from its path, its action and what its envelope names: every one of
    /// them that names an operation must name the same one.
    /// </summary>
    public ServiceResult FromEnvelope(HttpContext context, SoapRequest soap, EnvelopeNames envelope, AupPolicy policy)
    {
        if (envelope.Problem is { } problem)
        {
            return ServiceResult.Invalid(problem);
        }

        var catalog = policy.Services;
        var path = PathOperation.Read(context.Request.Path, catalog, stackalloc char[PathOperation.ScratchLength]);
        var named = path.Operation.IsEmpty ? default : Checked(path.Operation, policy.MaxServiceLength).Service.AsMemory();
        var element = Operation(envelope.BodyElement);
        foreach (var written in (ReadOnlySpan<ReadOnlyMemory<char>>)[soap.Operation, envelope.AddressingOperation, envelope.BodyElement])
        {
            var candidate = Operation(written);
            if (candidate.IsEmpty || !catalog.NamesOperation(candidate.Span))
            {
                continue;
            }

            if (!named.IsEmpty && !named.Span.Equals(candidate.Span, StringComparison.OrdinalIgnoreCase))
            {
                return ServiceResult.Invalid(DisagreementProblem);
            }

            named = candidate;
        }

        // A Body element outside the catalog that still starts with an operation's name (a document/literal
        // bare element such as RetrieveDRRSLocationsRequest) is dispatched to that operation by JAX-WS.
        if (!element.IsEmpty && !named.IsEmpty && !catalog.NamesOperation(element.Span) && !catalog.MayName(element.Span, named.Span))
        {
            return ServiceResult.Invalid(DisagreementProblem);
        }

        if (!named.IsEmpty)
        {
            return Checked(named.Span, policy.MaxServiceLength);
        }

        if (catalog.Enabled)
        {
            return ServiceResult.Unknown;
        }

        // No catalog and no versioned name: what a backend dispatches on first, then the action, then the path.
        var fallback = element.IsEmpty ? Operation(soap.Operation) : element;
        if (!fallback.IsEmpty)
        {
            return Checked(fallback.Span, policy.MaxServiceLength);
        }

        return path.Last.IsEmpty ? ServiceResult.Invalid(NoServiceProblem) : Checked(path.Last, policy.MaxServiceLength);
    }

    /// <summary>
    /// The operation a name Soap found (an action's last part, a Body element) stands for: a DocAttach
    /// variant names the operation itself, as its path does; empty when it is too long to key a lock.
    /// </summary>
    private static ReadOnlyMemory<char> Operation(ReadOnlyMemory<char> written)
    {
        var operation = written[..DocAttach.WithoutSuffix(written.Span).Length];
        return operation.Length <= SoapAction.MaxOperationLength ? operation : default;
    }

    private ServiceResult Checked(ReadOnlySpan<char> name, int maxLength)
    {
        // Names in the table passed these checks before; the common case allocates nothing.
        if (names.TryGetKnown(name, out var known) && known.Length <= maxLength)
        {
            return ServiceResult.Of(known);
        }

        var problem = NameRules.Check(name.ToString(), maxLength, "service name");
        return problem is null ? ServiceResult.Of(names.Remember(name)) : ServiceResult.Invalid(problem);
    }
}
