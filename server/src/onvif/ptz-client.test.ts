import { describe, expect, it } from 'vitest';
import { OnvifError } from './errors.ts';
import { parsePresets, parseSetPreset } from './ptz-client.ts';
import { readResponse } from './soap.ts';

// Answers written down from the ONVIF PTZ service specification (ver20/ptz/wsdl), with the
// prefixes different makers use.
const presets = (prefix: string, schema: string) => `<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope"
  xmlns:${prefix}="http://www.onvif.org/ver20/ptz/wsdl" xmlns:${schema}="http://www.onvif.org/ver10/schema">
  <SOAP-ENV:Body>
    <${prefix}:GetPresetsResponse>
      <${prefix}:Preset token="1"><${schema}:Name>Piazza Verdi</${schema}:Name>
        <${schema}:PTZPosition><${schema}:PanTilt x="0.1" y="-0.2"/><${schema}:Zoom x="0"/></${schema}:PTZPosition>
      </${prefix}:Preset>
      <${prefix}:Preset token="Preset_2"><${schema}:Name>Ingresso &amp; uscita</${schema}:Name></${prefix}:Preset>
      <${prefix}:Preset token="3"/>
      <${prefix}:Preset><${schema}:Name>without token</${schema}:Name></${prefix}:Preset>
    </${prefix}:GetPresetsResponse>
  </SOAP-ENV:Body>
</SOAP-ENV:Envelope>`;

describe('ONVIF PTZ answers', () => {
  it('reads presets whatever the prefixes, skipping those without a token', () => {
    for (const [p, s] of [
      ['tptz', 'tt'],
      ['ns2', 'onvif'],
    ] as const) {
      expect(parsePresets(readResponse(presets(p, s), 'GetPresets'))).toEqual([
        { token: '1', name: 'Piazza Verdi' },
        { token: 'Preset_2', name: 'Ingresso & uscita' },
        { token: '3', name: '3' },
      ]);
    }
  });

  it('reads the token of a saved preset, and names what is missing', () => {
    const ok = `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>
      <tptz:SetPresetResponse xmlns:tptz="http://www.onvif.org/ver20/ptz/wsdl">
      <tptz:PresetToken>7</tptz:PresetToken></tptz:SetPresetResponse></s:Body></s:Envelope>`;
    expect(parseSetPreset(readResponse(ok, 'SetPreset'))).toBe('7');
    const empty = ok.replace('<tptz:PresetToken>7</tptz:PresetToken>', '');
    expect(() => parseSetPreset(readResponse(empty, 'SetPreset'))).toThrow(/no PresetToken/);
    const other = `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>
      <x:Something xmlns:x="urn:x"/></s:Body></s:Envelope>`;
    expect(() => parsePresets(readResponse(other, 'GetPresets'))).toThrow(OnvifError);
  });

  it('turns a SOAP 1.2 fault for an unknown preset into an error naming the operation', () => {
    const fault = `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"
      xmlns:ter="http://www.onvif.org/ver10/error"><env:Body><env:Fault>
      <env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>ter:InvalidArgVal</env:Value>
      <env:Subcode><env:Value>ter:NoToken</env:Value></env:Subcode></env:Subcode></env:Code>
      <env:Reason><env:Text xml:lang="en">The requested preset token does not exist.</env:Text></env:Reason>
      </env:Fault></env:Body></env:Envelope>`;
    let error: unknown;
    try {
      readResponse(fault, 'GotoPreset');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OnvifError);
    expect((error as OnvifError).reason).toBe('fault');
    expect((error as OnvifError).message).toMatch(/GotoPreset/);
    expect((error as OnvifError).fault?.subcode).toBe('ter:NoToken');
  });
});
