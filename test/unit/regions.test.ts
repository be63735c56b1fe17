import { describe, expect, it } from 'vitest';
import { bundledRegions } from '../../src/domain/bundled.js';
import { sniffDelimiter } from '../../src/parse/sniff.js';
import { decode } from '../../src/parse/decode.js';
import { RehabError } from '../../src/errors.js';
import { parseAge, parseSex } from '../../src/domain/vocabulary.js';

const regions = bundledRegions();
const code = (text: string) => regions.resolve(text)?.code;

describe('regions are recognised however they are written', () => {
  it.each([
    ['01', '01'],
    ['1', '01'],
    ['0001', '01'],
    ['0000', '00'],
    ['Riket', '00'],
    ['Sverige', '00'],
    ['Region Stockholm', '01'],
    ['Stockholms läns landsting', '01'],
    ['SLL', '01'],
    ['Sthlm', '01'],
    ['01 Stockholms län', '01'],
    ['01 Stockholm county', '01'],
    ['Landstinget i Uppsala län', '03'],
    ['Örebro läns landsting', '18'],
    ['Orebro', '18'],
    ['ÖREBRO LÄN', '18'],
    ['Jämtlands läns landsting', '23'],
    ['Jamtland Harjedalen', '23'],
    ['Region Jämtland Härjedalen', '23'],
    ['VGR', '14'],
    ['Västra Götalandsregionen', '14'],
    ['vastra_gotaland', '14'],
    ['14 Västra Götaland county', '14'],
    ['Region Gotland', '09'],
    ['Gotlands kommun', '09'],
    ['Landstinget Västernorrland', '22'],
    ['Landstinget Vasternorrland', '22'],
    ['Region Jönköpings län', '06'],
    ['Jonkoping', '06'],
    ['Skåne', '12'],
    ['Scania', '12'],
  ])('%s → %s', (text, expected) => {
    expect(code(text)).toBe(expected);
  });

  it('does not guess', () => {
    expect(code('Region Skone')).toBeUndefined();
    expect(code('Malmöhus läns landsting')).toBeUndefined(); // only part of today's Skåne
    expect(code('Gotaland')).toBeUndefined(); // an artefact of one processed dataset, not a name
    expect(code('17 Stockholm county')).toBeUndefined(); // code and name disagree: an error, not a guess
    expect(code('17 Värmlands län')).toBe('17');
    expect(code('17 Some new name')).toBe('17'); // an unknown name: the SCB code decides
  });

  it('suggests the closest names for a typo, and nothing for something else', () => {
    expect(regions.suggest('Region Skone')[0]).toBe('Region Skåne (12)');
    expect(regions.suggest('KBT-mottagningen Söder')).toEqual([]);
  });
});

describe('sniffing and decoding', () => {
  it('sniffs the delimiter, ignoring quoted text', () => {
    expect(sniffDelimiter('"region";"2012"\n"01 Stockholms län";2054343\n')).toBe(';');
    expect(sniffDelimiter('"region","2018"\n"01 Stockholm county",2344124\n')).toBe(',');
    expect(sniffDelimiter('region\tår\nSkåne, län\t2014\n')).toBe('\t');
  });

  it('decodes UTF-8 with a BOM, Windows-1252 and UTF-16, and names what it used', () => {
    expect(decode(Buffer.from([0xef, 0xbb, 0xbf, 0x41]), 'f')).toEqual({ text: 'A', encoding: 'utf-8', bom: true });
    expect(decode(Buffer.from([0x53, 0x6b, 0xe5, 0x6e, 0x65]), 'f')).toEqual({ text: 'Skåne', encoding: 'windows-1252', bom: false });
    expect(decode(Buffer.from([0xff, 0xfe, 0x41, 0x00]), 'f').text).toBe('A');
  });

  it('refuses UTF-16 holding half a surrogate pair (no character is made of it), naming the line and the code; a whole pair is a character', () => {
    const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(decode(utf16('a;b\nc;\ud83d\ude00\n'), 'f').text).toBe('a;b\nc;\ud83d\ude00\n');
    for (const half of ['\ud800', '\udc00', '\ud83dx']) {
      try {
        decode(utf16(`a;b\nc;${half}\n`), 'f.csv');
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(RehabError);
        expect((e as RehabError).message).toMatch(/^line 2 holds a control character \(U\+D[8C]00|^line 2 holds a control character \(U\+D83D/);
      }
    }
  });

  it('refuses bytes that are not text, saying which encoding to pass', () => {
    try {
      decode(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'book.xlsx');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RehabError);
      expect((e as RehabError).hint).toMatch(/--encoding/);
    }
  });
});

describe('vocabulary', () => {
  it('reads sexes and age groups as exports write them', () => {
    expect(['K', 'kvinnor', 'women', 'F'].map(parseSex)).toEqual(['women', 'women', 'women', 'women']);
    expect(['M', 'män', 'men', 'male'].map(parseSex)).toEqual(['men', 'men', 'men', 'men']);
    expect(['T', 'totalt', 'Båda könen'].map(parseSex)).toEqual(['total', 'total', 'total']);
    expect(['totalt ålder', '16–67 år', '34 år', '100+ years', '15-19'].map(parseAge)).toEqual(['all', '16-67', '34', '100+', '15-19']);
    expect(parseAge('ung')).toBeUndefined();
  });
});
