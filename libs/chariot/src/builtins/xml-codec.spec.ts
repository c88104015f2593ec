import { parseXml, xmlText } from './xml-codec';

describe('XML codec', () => {
  it('decodes the five entities and character references, and leaves other names as text', () => {
    const n = parseXml('<r a="&lt;&#65;&#x42;">&amp;&quot;&apos;&gt; &constructor; &toString; &__proto__;</r>');
    expect(n.attrs.get('a')).toBe('<AB');
    expect(n.text).toBe(`&"'> &constructor; &toString; &__proto__;`);
  });

  it('writes what it reads', () => {
    const text = '<r id="7"><b>x &amp; y</b><b/>tail</r>';
    expect(xmlText(parseXml(text))).toBe('<r id="7">tail<b>x &amp; y</b><b/></r>');
  });
});
