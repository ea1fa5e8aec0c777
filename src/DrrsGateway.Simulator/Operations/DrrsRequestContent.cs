namespace DrrsGateway.Simulator.Operations;

/// <summary>What an operation's request element may carry, as its WSDL schema describes it.</summary>
internal enum DrrsRequestContent
{
    /// <summary>Nothing the simulator reads: only open content.</summary>
    Open,

    /// <summary>An optional <c>batchId</c> (RetrieveDRRSBatchStatus).</summary>
    BatchId,

    /// <summary>An optional base64Binary <c>attachment</c> (the Submit operations), so MTOM clients can send it as a MIME part.</summary>
    Attachment,
}
