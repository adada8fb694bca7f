/**
 * The words release names use. Kept in one place so a new tag is one edit, and so the
 * parsing modules read as rules rather than lists.
 */

/** Extensions we strip and report as the container. Anything else stays part of the name. */
export const VIDEO_EXTENSIONS = new Set([
  'mkv',
  'mp4',
  'm4v',
  'avi',
  'mov',
  'wmv',
  'mpg',
  'mpeg',
  'mpe',
  'm2ts',
  'mts',
  'ts',
  'm2t',
  'vob',
  'ifo',
  'bup',
  'iso',
  'img',
  'flv',
  'webm',
  'divx',
  'xvid',
  'ogm',
  'ogv',
  'rm',
  'rmvb',
  '3gp',
  'asf',
  'wtv',
  'dvr-ms',
  'strm',
  'disc',
  'bdmv',
  'mpls',
  'f4v',
  'mk3d',
  'nsv',
  'dat',
  'evo',
  'y4m',
  'nuv',
  'h264',
  'h265',
  'hevc',
  'avc',
]);

/** Folders that make up a disc structure; the film's name is the folder above them. */
export const DISC_FOLDERS: Record<string, 'dvd' | 'bluray'> = {
  video_ts: 'dvd',
  audio_ts: 'dvd',
  bdmv: 'bluray',
  stream: 'bluray',
  playlist: 'bluray',
  clipinf: 'bluray',
  backup: 'bluray',
  certificate: 'bluray',
};

/** Plex/Jellyfin/Kodi extras folders: their files are never the feature. */
export const EXTRAS_FOLDERS = new Set([
  'extras',
  'extra',
  'featurettes',
  'featurette',
  'behind the scenes',
  'behindthescenes',
  'deleted scenes',
  'deletedscenes',
  'interviews',
  'interview',
  'scenes',
  'shorts',
  'trailers',
  'trailer',
  'other',
  'others',
  'bonus',
  'bonus features',
  'clips',
  'theme-music',
  'backdrops',
  'samples',
  'sample',
  'subs',
  'subtitles',
]);

/** Folders that hold a library, not a title: never the show's name above `Season 1`. */
export const LIBRARY_ROOT =
  /^(?:tv|tv[ ._-]?shows?|shows?|series|tv[ ._-]?series|anime|cartoons|kids|media|videos?|downloads?|complete|library)$/i;

/** Kodi's stacking folders (`Movie (1999)/CD1/…`): the film is named by the folder above. */
export const STACK_FOLDER = /^(?:cd|dvd|dis[ck]|part|pt)[\s._-]?\d{1,2}$/i;

/** Plex's `Movie (2010)-trailer.mkv` style suffixes. */
export const EXTRAS_SUFFIX =
  /[\s._-](?:trailer|featurette|behindthescenes|deleted|deletedscene|interview|scene|short|other|extra|teaser|clip)\d*$/i;

/**
 * File names that say nothing about the title: the folder above has it (`movie.mkv`,
 * a DVD's `VTS_01_1.VOB`, a Blu-ray's `00001.m2ts`).
 */
export const GENERIC_NAME =
  /^(?:movie|film|video|main|feature|title|index|default|vts(?:[\s_]\d+){1,2}|video_ts|\d{1,6}|[a-f0-9]{12,}|disc|cd|dvd|sample|trailer)$/i;

/**
 * Tags that can only be release information: the title ends before the first of them.
 * Matched on the name with separators already turned into spaces.
 */
export const STRONG_TAGS = new RegExp(
  '(?<![\\p{L}\\p{N}])(?:' +
    [
      '\\d{3,4}[pi]',
      '\\d{3,4}x\\d{3,4}',
      '4k',
      'uhd',
      'blu[- ]?ray',
      'bdrip',
      'brrip',
      'bd(?:25|50|66|100)',
      'bdremux',
      'remux',
      'web[- ]?dl',
      'web[- ]?rip',
      'webdl',
      'hdtv',
      'pdtv',
      'sdtv',
      'hdtvrip',
      'dvdrip',
      'dvdscr',
      'dvd[- ]?r',
      'dvd[59]',
      'hdrip',
      'hdcam',
      'hdts',
      'camrip',
      'telesync',
      'telecine',
      'vhsrip',
      'hd[- ]?dvd',
      'tvrip',
      'satrip',
      'dsrip',
      'x26[45]',
      'h[ .]?26[45]',
      'hevc',
      'xvid',
      'divx',
      'avc',
      'vc-?1',
      'mpeg-?2',
      'av1',
      '10[- ]?bit',
      '8[- ]?bit',
      'hi10p?',
      'aac(?:[ .]?[257][ .]?[01])?',
      'ac3',
      'e-?ac-?3',
      'dts(?:-?hd)?(?:[ .-]?(?:ma|hra?|x))?',
      'truehd',
      'atmos',
      'ddp?[ .]?[257][ .]?[01]',
      'dd\\+',
      'flac',
      'lpcm',
      'hdr(?:10)?(?:\\+|plus)?',
      'dovi',
      'dolby[ .]vision',
      'sdr',
      'amzn',
      'dsnp',
      'hmax',
      'atvp',
      'pcok',
      'nf',
      'hulu',
      'ppv',
      'dvd',
      'repack\\d?',
      'proper',
      'rerip',
      'internal',
      'readnfo',
      'dirfix',
      'nfofix',
      'multi(?:subs?)?',
      'dual[ .-]?audio',
      'subbed',
      'dubbed',
      'truefrench',
      'vostfr',
      'ws',
      'fs',
    ].join('|') +
    ')(?![\\p{L}\\p{N}])',
  'giu',
);

/**
 * Tags that are also ordinary words in titles ("Charlotte's Web", "Cam", "The Limited"): they
 * end a title only when they are written in capitals, and only after the title has begun.
 */
export const WEAK_TAGS =
  /^(?:web|cam|ts|tc|scr|screener|r5|extended|unrated|uncut|remastered|limited|theatrical|imax|dc|hd|sd|dv|3d|hsbs|hou|sbs|french|german|italian|spanish|russian|japanese|korean|hindi|english|eng|ita|fre|ger|spa|jpn|kor|rus|nordic|swedish|danish|norwegian|finnish|dutch|polish|czech|hun|subs?|dub|complete|criterion|open ?matte|hybrid|uhd|bluray|bd|retail|festival|ac3|aac|dts|x264|x265|h264|hevc|avc)$/i;

/** Words after the year that name a cut of the film. */
export const EDITION_WORDS =
  /(?<![\p{L}\p{N}])(director'?s[ .]cut|extended(?:[ .](?:cut|edition|version))?|unrated(?:[ .](?:cut|edition))?|theatrical(?:[ .](?:cut|edition|version))?|remastered|criterion(?:[ .]collection)?|imax(?:[ .]edition)?|special[ .]edition|ultimate[ .](?:edition|cut)|final[ .]cut|uncut|collector'?s[ .]edition|\d{2}th[ .]anniversary(?:[ .]edition)?|anniversary[ .]edition|open[ .]matte|redux|rogue[ .]cut|black[ .]and[ .]chrome)(?![\p{L}\p{N}])/iu;

/** Season folders in the languages libraries are commonly kept in. */
export const SEASON_FOLDER =
  /^(?:season|series|staffel|saison|temporada|stagione|seizoen|sezon|sæson|säsong|kausi|seria)[\s._-]*(\d{1,4})(?:\s*[([].*)?$/i;
export const SPECIALS_FOLDER = /^specials?$/i;
