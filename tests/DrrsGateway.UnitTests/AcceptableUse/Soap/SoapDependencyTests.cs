using System.Reflection;
using System.Text.RegularExpressions;
using DrrsGateway.AcceptableUse.Soap;
using DrrsGateway.TestSupport;

namespace DrrsGateway.UnitTests.AcceptableUse.Soap;

/// <summary>
/// Soap reads SOAP's syntax; Services decides which names are operations and may use Soap, never the other
/// way round (issue 22), so that no name is interned before the catalog has accepted it.
/// </summary>
public sealed partial class SoapDependencyTests
{
    private const string SoapNamespace = "DrrsGateway.AcceptableUse.Soap";
    private const string ServicesNamespace = "DrrsGateway.AcceptableUse.Services";
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    [Fact]
    public void SoapTypes_UseNoServicesTypeInSignaturesFieldsOrLocals()
    {
        var soapTypes = typeof(SoapRequest).Assembly.GetTypes().Where(type => type.Namespace == SoapNamespace).ToList();

        var offending = soapTypes
            .SelectMany(type => Used(type).Where(used => used.Namespace == ServicesNamespace).Select(used => $"{type.FullName} uses {used.FullName}"))
            .Distinct()
            .ToList();

        Assert.NotEmpty(soapTypes);
        Assert.Empty(offending);
    }

    // Reflection does not see the methods a body calls; the sources do.
    [Fact]
    public void SoapSources_NameNothingInServices()
    {
        var offending = Directory.EnumerateFiles(RepositoryFiles.PathOf("src/DrrsGateway/AcceptableUse/Soap"), "*.cs", SearchOption.AllDirectories)
            .Where(file => ServicesReference().IsMatch(File.ReadAllText(file)))
            .Select(Path.GetFileName)
            .ToList();

        Assert.Empty(offending);
    }

    [GeneratedRegex(@"\bServices\.|\bAcceptableUse\.Services\b")]
    private static partial Regex ServicesReference();

    private static IEnumerable<Type> Used(Type type)
    {
        var direct = new List<Type>();
        if (type.BaseType is { } baseType)
        {
            direct.Add(baseType);
        }

        direct.AddRange(type.GetInterfaces());
        direct.AddRange(type.GetFields(Declared).Select(field => field.FieldType));
        direct.AddRange(type.GetProperties(Declared).Select(property => property.PropertyType));
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            direct.AddRange(method.GetParameters().Select(parameter => parameter.ParameterType));
            if (method is MethodInfo info)
            {
                direct.Add(info.ReturnType);
            }

            direct.AddRange(method.GetMethodBody()?.LocalVariables.Select(local => local.LocalType) ?? []);
        }

        return direct.SelectMany(Parts);
    }

    // string[], ref ServiceNames and Task<EnvelopeNames> all use the types inside them.
    private static IEnumerable<Type> Parts(Type type)
    {
        yield return type;
        if (type.HasElementType && type.GetElementType() is { } element)
        {
            foreach (var part in Parts(element))
            {
                yield return part;
            }
        }

        if (type.IsGenericType)
        {
            foreach (var part in type.GetGenericArguments().SelectMany(Parts))
            {
                yield return part;
            }
        }
    }
}
