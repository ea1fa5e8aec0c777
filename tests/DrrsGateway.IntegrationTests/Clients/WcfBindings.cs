using System.ServiceModel;
using System.ServiceModel.Channels;
using System.Text;

namespace DrrsGateway.IntegrationTests.Clients;

/// <summary>The WCF binding of each <see cref="WcfClientKind"/>, over plain HTTP to the loopback gateway.</summary>
public static class WcfBindings
{
    // Long enough for a loaded two-core machine, short enough that a hung call fails the test soon.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static Binding Create(WcfClientKind kind)
    {
        Binding binding = kind switch
        {
            WcfClientKind.Soap11 => new BasicHttpBinding(BasicHttpSecurityMode.None),
            WcfClientKind.Soap12 => Custom(new TextMessageEncodingBindingElement(MessageVersion.Soap12, Encoding.UTF8)),
            WcfClientKind.Soap12WSAddressing10 => Custom(new TextMessageEncodingBindingElement(MessageVersion.Soap12WSAddressing10, Encoding.UTF8)),
            WcfClientKind.MtomSoap11 => Custom(new MtomMessageEncodingBindingElement(MessageVersion.Soap11, Encoding.UTF8)),
            WcfClientKind.MtomSoap12 => Custom(new MtomMessageEncodingBindingElement(MessageVersion.Soap12, Encoding.UTF8)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown WCF client kind."),
        };
        binding.OpenTimeout = Timeout;
        binding.SendTimeout = Timeout;
        binding.ReceiveTimeout = Timeout;
        binding.CloseTimeout = Timeout;
        return binding;
    }

    private static CustomBinding Custom(MessageEncodingBindingElement encoding) => new(encoding, new HttpTransportBindingElement());
}
