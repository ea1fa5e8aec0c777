using DrrsGateway.Infrastructure;
using Microsoft.AspNetCore.Http.Features;

namespace DrrsGateway.AcceptableUse.Hold;

/// <summary>
/// Stands between the forwarder and the caller for one forwarding: an answer that may be the backend's AUP
/// refusal (<see cref="BackendRefusalRule.MayBeRefusal"/>) is held back, up to
/// <see cref="BackendRefusalRule.MaxInspectedBytes"/>, until it is known whether it is one; any other answer
/// streams straight through. Nothing reaches the caller before that is known, so a refusal can be dropped
/// and the call forwarded again.
/// </summary>
internal sealed class BackendAnswerCatcher : WriteOnlyStream
{
    private readonly HttpContext _context;
    private readonly IHttpResponseBodyFeature _original;
    private readonly BackendRefusalRule _rule;
    private MemoryStream? _held;
    private bool? _passingThrough;

    private BackendAnswerCatcher(HttpContext context, IHttpResponseBodyFeature original, BackendRefusalRule rule)
    {
        _context = context;
        _original = original;
        _rule = rule;
    }

    /// <summary>Puts a catcher in front of the response body for the next forwarding.</summary>
    public static BackendAnswerCatcher Install(HttpContext context, BackendRefusalRule rule)
    {
        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var catcher = new BackendAnswerCatcher(context, original, rule);
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(catcher, original));
        return catcher;
    }

    /// <summary>True when the answer streamed through: it was not a refusal, and it is already the caller's.</summary>
    public bool PassedThrough => _passingThrough == true;

    /// <summary>Takes the catcher away again; the response writes to the caller from now on.</summary>
    public void Uninstall() => _context.Features.Set(_original);

    /// <summary>Whether what was held back (after <see cref="Uninstall"/>) is the backend's AUP refusal.</summary>
    public bool HoldsRefusal() =>
        !PassedThrough && _rule.IsRefusal(_context.Response.StatusCode, _context.Response.Headers.ContentEncoding, Held.Span);

    // Only an answer that may be a refusal is held, so most forwardings never allocate this.
    private ReadOnlyMemory<byte> Held => _held is null ? default : _held.GetBuffer().AsMemory(0, (int)_held.Length);

    /// <summary>Gives the caller what was held back, after <see cref="Uninstall"/>.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (!PassedThrough && !Held.IsEmpty)
        {
            await _original.Stream.WriteAsync(Held, cancellationToken).ConfigureAwait(false);
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // The status and headers are set before the first byte of the body: decide then. Most answers are
        // no refusal: their bytes go straight on, without an async step of the catcher's own.
        _passingThrough ??= !_rule.MayBeRefusal(_context.Response.StatusCode);
        return _passingThrough == true ? _original.Stream.WriteAsync(buffer, cancellationToken) : HoldAsync(buffer, cancellationToken);
    }

    private async ValueTask HoldAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        if (Held.Length + buffer.Length > BackendRefusalRule.MaxInspectedBytes)
        {
            // Too long for a refusal: hand over what was held and stream the rest.
            _passingThrough = true;
            await _original.Stream.WriteAsync(Held, cancellationToken).ConfigureAwait(false);
            await _original.Stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            return;
        }

        _held ??= new MemoryStream();
        _held.Write(buffer.Span);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _passingThrough == true ? _original.Stream.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _held?.Dispose();
        }

        base.Dispose(disposing);
    }
}
