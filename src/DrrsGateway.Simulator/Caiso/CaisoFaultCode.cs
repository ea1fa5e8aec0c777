namespace DrrsGateway.Simulator.Caiso;

/// <summary>Who a CAISO fault blames.</summary>
internal enum CaisoFaultCode
{
    /// <summary>The caller: SOAP 1.1 <c>Client</c>, SOAP 1.2 <c>Sender</c>.</summary>
    Client,

    /// <summary>The simulator itself: SOAP 1.1 <c>Server</c>, SOAP 1.2 <c>Receiver</c>.</summary>
    Server,
}
