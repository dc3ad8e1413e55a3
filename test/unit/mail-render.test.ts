import { render } from '../../shared/domain/mail/render';

describe('email rendering', () => {
  const blocks = [
    { kind: 'p' as const, text: 'Projet <QUANTAI> & co' },
    { kind: 'link' as const, text: 'Voir le signalement', href: 'https://vigie.example/projects/prj_1' },
    { kind: 'link' as const, text: 'Piège', href: 'javascript:alert(1)' },
  ];

  test('a link in the text part: a space before the colon in French, none in English', () => {
    expect(render(['a@x.example'], 'S', blocks, 'fr').text).toContain('Voir le signalement : https://vigie.example/projects/prj_1\n');
    expect(render(['a@x.example'], 'S', [{ kind: 'link', text: 'Open the flag', href: 'https://vigie.example/f' }], 'en').text).toContain(
      'Open the flag: https://vigie.example/f\n',
    );
  });

  test('the HTML part escapes user text and keeps only http(s) links', () => {
    const { html } = render(['a@x.example'], 'S', blocks, 'fr');
    expect(html).toContain('<p>Projet &lt;QUANTAI&gt; &amp; co</p>');
    expect(html).toContain('<a href="https://vigie.example/projects/prj_1">Voir le signalement</a>');
    expect(html).toContain('<a href="#">Piège</a>');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<html lang="fr">');
  });
});
